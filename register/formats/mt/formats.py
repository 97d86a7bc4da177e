"""Maltese date and number formats for Django's |date filter and number localisation (Django ships none).

Transcribed from the Unicode CLDR's Maltese locale as Babel carries it (babel.Locale("mt")): long date
"d 'ta'’ MMMM y", short date "dd/MM/y", time "HH:mm", date-time "{1} {0}", decimal "." and group ",",
weeks starting on Monday. The syntax is Django's (docs/ref/templates/builtins "date").
"""

DATE_FORMAT = r"j \t\a’ F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j \t\a’ F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = r"j \t\a’ F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
