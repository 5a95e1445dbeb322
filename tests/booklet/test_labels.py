"""A quarterly or annual booklet never labels a figure by the month."""

from onapage.booklet.labels import period_label_problems

PAGE = """<table><caption>Referrals (in each quarter)</caption><thead><tr><th>Quarter columns show</th>
<th>Q2 26-27</th></tr></thead><tbody><tr><th scope="row">Re-referrals within 12 months (%)</th><td>21.3%</td></tr>
<tr><th scope="row">Care leavers seen in the last 2 months</th><td>80%</td></tr></tbody></table>
<p>Complaints are answered within one calendar month; the board meets monthly.</p>"""


def test_spans_of_months_and_free_text_pass():
    assert period_label_problems(PAGE, "quarter") == []
    assert period_label_problems(PAGE, "year") == []


def test_a_heading_or_caption_that_says_month_is_named_once():
    page = PAGE + "<h3>Chart 2 - Subject access requests (each month)</h3><table><thead><tr><th>RAG (month)</th>"
    page += "<th>RAG (month)</th><th>Monthly trend</th></tr></thead></table>"
    assert period_label_problems(page, "quarter") == [
        "a quarter's booklet labels a figure by the month: 'Chart 2 - Subject access requests (each month)'",
        "a quarter's booklet labels a figure by the month: 'RAG (month)'",
        "a quarter's booklet labels a figure by the month: 'Monthly trend'",
    ]
    assert period_label_problems(page, "month") == []  # the monthly booklet is made of months
