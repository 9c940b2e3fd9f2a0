"""News articles (text, HTML, JSON Lines) into actors, dated events and relations."""
