## reports
report-refused-submitted = En inlämnad rapport ändras aldrig. Rätta den genom att revidera den.
report-refused-not-submitted = Bara en inlämnad rapport kan kvitteras eller revideras.
report-refused-newer = Det finns redan en nyare version av rapporten.
report-refused-reviewed = Rapporten är redan kvitterad.
escalation-refused-answered = Eskaleringen är redan besvarad.
escalation-refused-body = Beslutet är inte fattat av det organ som eskaleringen riktas till.
escalation-refused-project = Beslutet gäller ett annat projekt.
escalation-refused-earlier = Beslutet är fattat innan eskaleringen lämnades in.
error-actual-in-future = Ett faktiskt datum kan inte ligga i framtiden.
