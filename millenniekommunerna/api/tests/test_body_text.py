"""The plain text of a story's rich text, as the exports and the API give it."""

from millenniekommunerna.api.representation import html_to_text


def test_paragraphs_and_list_items_are_lines_and_tags_go():
    markup = (
        '<h2 data-block-key="a">Rubrik</h2><p data-block-key="b">Mat&amp;svinn i '
        '<a linktype="page" id="3">skolan</a> &lt;minskade&gt;<br/>med <b>30&nbsp;%</b></p>'
        "<ul><li>Kisumu</li><li>Poti</li></ul>"
    )
    assert html_to_text(markup) == ("Rubrik\nMat&svinn i skolan <minskade>\nmed 30 %\nKisumu\nPoti")


def test_what_is_not_well_formed_reads_as_django_strip_tags_reads_it():
    assert html_to_text("<p>a <b>b</p> <i c") == "a b\n<i c"  # an unclosed tag is text
    assert html_to_text("<!-- kommentar --><p>text</p>") == "text"
