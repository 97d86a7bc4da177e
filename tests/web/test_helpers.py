"""Pure helpers of the pages: the bar chart geometry, citation formats and human dates."""

import datetime as dt
import json

from django.utils import translation

from register.core.templatetags.register_tags import country_name, edtf_human, language_name
from register.places.charts import nice_step, prisoner_chart
from register.places.citation import bibtex_escape, citation_formats


def test_chart_gives_none_a_marker_not_a_bar():
    chart = prisoner_chart([(1940, 1000), (1941, None), (1943, 2500)])
    assert [bar.year for bar in chart.bars] == [1940, 1941, 1943]
    by_year = {bar.year: bar for bar in chart.bars}
    assert by_year[1941].value is None and by_year[1941].height > 0
    assert by_year[1943].height > by_year[1940].height
    assert chart.peak.year == 1943
    assert chart.ticks[0].value == 0 and chart.ticks[-1].value >= 2500
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)


def test_chart_without_years_is_none_and_all_none_has_no_peak():
    assert prisoner_chart([]) is None
    assert prisoner_chart([(1945, None), (1946, None)]).peak is None


def test_nice_step():
    assert nice_step(72490) == 20000
    assert nice_step(9) == 5
    assert nice_step(0) == 1


def test_citation_formats():
    cite = citation_formats(
        title="Gorlag {special} & co",
        record_id="pabc",
        url="https://x.test/places/pabc/",
        accessed=dt.date(2026, 1, 2),
    )
    assert "(accessed 2026-01-02)" in cite["text"]
    assert r"Gorlag \{special\} \& co" in cite["bibtex"]
    assert json.loads(cite["csl_json"])[0]["accessed"] == {"date-parts": [[2026, 1, 2]]}
    assert bibtex_escape("50%_") == r"50\%\_"


def test_edtf_human_in_english_and_german():
    with translation.override("en"):
        assert edtf_human("1935/1956") == "1935–1956"
        assert edtf_human("1941-09") == "September 1941"
        assert edtf_human("1950/..") == "from 1950"
        assert edtf_human("") == ""
        assert edtf_human("1941~") == "1941~"
    with translation.override("de"):
        assert edtf_human("1949-03-25/1949-03-28") == "25. März 1949 – 28. März 1949"


def test_country_and_language_names_follow_the_reader():
    with translation.override("de"):
        assert country_name("DE") == "Deutschland"
        assert language_name("ru") == "Russisch"
    with translation.override("en"):
        assert country_name("LT") == "Lithuania"
        assert country_name("") == ""
        assert language_name("xx-unknown") == "xx-unknown"


def test_chart_year_labels_do_not_crowd_the_last_year():
    from register.places.charts import prisoner_chart

    chart = prisoner_chart((year, 1000) for year in range(1935, 1957))
    labelled = [bar.year for bar in chart.bars if bar.show_label]
    assert labelled == [1935, 1940, 1945, 1950, 1955]
    chart = prisoner_chart((year, 1000) for year in range(1935, 1959))
    assert [bar.year for bar in chart.bars if bar.show_label][-2:] == [1955, 1958]
    short = prisoner_chart((year, None) for year in range(1945, 1951))
    assert [bar.year for bar in short.bars if bar.show_label] == list(range(1945, 1951))
