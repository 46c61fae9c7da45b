## portfolio
