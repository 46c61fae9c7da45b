## action items and the monthly follow-up (issue 9)
