"""The SVG charts: named for assistive technology, values as text, safe, no inline styles.

The geometry comes from followup.charts and the templates draw it; the tests read the
drawn SVG.
"""

import dataclasses
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeData

from followup import charts
from followup.reports import NONE_KEY, Breakdown, Figure

SVG = "{http://www.w3.org/2000/svg}"


def bar_chart(breakdown: Breakdown, **options) -> str:
    return render_to_string(
        "followup/charts/_bar_chart.html", {"chart": charts.bar_chart(breakdown, **options)}
    )


def trend_chart(breakdown: Breakdown, **options) -> str:
    return render_to_string(
        "followup/charts/_trend_chart.html", {"chart": charts.trend_chart(breakdown, **options)}
    )


def breakdown(*figures: tuple[str, str, str], dimension: str = "goal_area") -> Breakdown:
    items = [Figure(key=key, label=label, total=Decimal(total)) for key, label, total in figures]
    total = sum((item.total for item in items), Decimal(0))
    for item in items:
        item.share = (item.total * 100 / total).quantize(Decimal("0.1")) if total else None
    return Breakdown(dimension, "Per målområde", items, Figure(key="total", label="Totalt", total=total))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own markup)


def test_bar_chart_is_an_image_named_by_its_title_and_description():
    root = parse(bar_chart(breakdown(("1", "Kunskap", "300000")), chart_id="d1", period="2014–2020"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "d1-title d1-desc"
    assert root.find(f"{SVG}title").get("id") == "d1-title"
    assert root.find(f"{SVG}title").text == "Stapeldiagram: per målområde, 2014–2020"
    assert root.find(f"{SVG}desc").get("id") == "d1-desc"


def test_bar_chart_describes_the_largest_figure_in_words():
    chart = bar_chart(
        breakdown(("1", "Kunskap", "300000"), ("2", "Alla", "100000")), chart_id="d", period="2017"
    )
    desc = parse(chart).find(f"{SVG}desc").text
    assert desc.startswith("Belopp i tkr. Störst är Kunskap med 300\u00a0tkr (75,0\u00a0% av totalen).")


def test_every_bar_carries_its_amount_and_share_as_text():
    root = parse(
        bar_chart(breakdown(("1", "Kunskap", "300000"), ("2", "Alla", "100000")), chart_id="d", period="2017")
    )
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "300\u00a0tkr (75,0\u00a0%)" in texts
    assert "100\u00a0tkr (25,0\u00a0%)" in texts
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "16"]
    # The largest figure fills the bar area (a share of the width); the others are to scale.
    assert [bar.get("width") for bar in bars] == [f"{charts.BAR_SHARE:.1f}%", f"{charts.BAR_SHARE / 3:.1f}%"]


def test_large_amounts_are_shown_in_millions():
    chart = bar_chart(breakdown(("1", "Kunskap", "12345678")), chart_id="d", period="2017")
    assert "12,3\u00a0mnkr (100,0\u00a0%)" in chart


def test_none_set_is_hatched_so_it_reads_without_colour():
    chart = bar_chart(
        breakdown(("1", "Kraftsamling", "100"), (NONE_KEY, "Utanför kraftsamlingsområdena", "300")),
        chart_id="k",
        period="2017",
    )
    root = parse(chart)
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("height") == "16"]
    assert fills == ["#005a8c", "url(#k-hatch)"]
    assert root.find(f".//{SVG}pattern").get("id") == "k-hatch"


def test_labels_are_escaped_and_no_inline_style_is_used():
    chart = bar_chart(breakdown(("1", '<script>alert("x")</script>', "100")), chart_id="d", period="2017")
    assert "<script>" not in chart
    assert "&lt;script&gt;" in chart
    assert "style=" not in chart


def test_chart_geometry_holds_plain_text_that_only_the_template_escapes():
    geometry = charts.bar_chart(breakdown(("1", "<b>Kunskap</b>", "100")), chart_id="d", period="2017")
    texts = [
        geometry.title,
        geometry.desc,
        *(value for bar in geometry.bars for value in dataclasses.astuple(bar)),
    ]
    assert not any(isinstance(text, SafeData) for text in texts)
    assert geometry.bars[0].lines[0].text == "<b>Kunskap</b>"


def test_charts_are_never_scaled_so_their_text_keeps_its_size():
    years = breakdown(("2016", "2016", "1000"), ("2017", "2017", "2000"), dimension="year")
    for chart in (
        bar_chart(years, chart_id="d", period="2017"),
        trend_chart(years, chart_id="t", period="2016–2017"),
    ):
        root = parse(chart)
        assert root.get("viewBox") is None
        assert root.get("width") == "100%"


def test_long_labels_wrap_above_their_bar_and_the_rest_is_shortened_at_a_word():
    label = "Skapa förutsättningar för bättre matchning mellan utbildning och arbetsmarknadens behov"
    root = parse(bar_chart(breakdown(("5", label, "100")), chart_id="d", period="2017"))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts[:2] == ["Skapa förutsättningar för bättre", "matchning mellan utbildning och…"]
    assert root.find(f"{SVG}g/{SVG}title").text.startswith(label)


def test_every_label_line_fits_a_phone():
    labels = [
        "Insatser för att öka antalet ungdomar med fullföljd grundskola och gymnasieutbildning",
        "Göteborgsregionens kommunalförbund",
        "Ett_ord_utan_mellanslag_som_är_längre_än_en_hel_rad_i_diagrammet",
    ]
    geometry = charts.bar_chart(
        breakdown(*((str(n), label, "100") for n, label in enumerate(labels))), chart_id="d", period="2017"
    )
    lines = [line.text for bar in geometry.bars for line in bar.lines]
    assert max(len(line) for line in lines) <= charts.LABEL_CHARS
    assert max(len(bar.lines) for bar in geometry.bars) == charts.LABEL_LINES


def test_empty_breakdown_says_there_is_nothing_to_show():
    chart = bar_chart(breakdown(("1", "Kunskap", "0")), chart_id="d", period="2017")
    assert parse(chart).find(f"{SVG}desc").text == "Inga insatser att visa för de valda filtren."


def test_trend_chart_marks_and_labels_every_year():
    years = breakdown(
        ("2016", "2016", "1000000"), ("2017", "2017", "2500000"), ("2018", "2018", "0"), dimension="year"
    )
    root = parse(trend_chart(years, chart_id="t", period="2016–2018"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Linjediagram: belopp per år, 2016–2018"
    assert (
        "2016: 1\u00a0000\u00a0tkr; 2017: 2\u00a0500\u00a0tkr; 2018: 0\u00a0tkr"
        in root.find(f"{SVG}desc").text
    )
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    line = [segment for segment in root.iter(f"{SVG}line") if segment.get("stroke") == "#005a8c"]
    assert [(segment.get("x1"), segment.get("x2")) for segment in line] == [
        ("14.0%", "53.0%"),
        ("53.0%", "92.0%"),
    ]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert {"2016", "2017", "2018", "2\u00a0500\u00a0tkr"} <= set(texts)


def test_trend_of_one_year_is_a_single_point():
    root = parse(
        trend_chart(breakdown(("2017", "2017", "5000"), dimension="year"), chart_id="t", period="2017")
    )
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    assert [segment for segment in root.iter(f"{SVG}line") if segment.get("stroke") == "#005a8c"] == []
