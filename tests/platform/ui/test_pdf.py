"""The platform's PDF helper: a document in the State's look, nothing fetched from outside."""

import pytest
from pypdf import PdfReader

from transition.platform.ui.pdf import PdfResourceRefused, _LocalFetcher, html_to_pdf


def test_a_page_in_the_states_look(tmp_path):
    content = html_to_pdf("<html><body><h1>Décision</h1><p>Accordée.</p></body></html>")
    assert content.startswith(b"%PDF")
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    page = PdfReader(path).pages[0]
    assert "Décision" in page.extract_text()
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert any("Marianne" in name for name in fonts), fonts


@pytest.mark.parametrize("url", ["https://example.org/x.png", "file:///etc/passwd", "http://169.254.169.254/"])
def test_nothing_is_fetched_from_elsewhere(url):
    with pytest.raises(PdfResourceRefused):
        _LocalFetcher().fetch(url)


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("lazy", [False, True])
def test_many_documents_at_once_in_order(workers, lazy, tmp_path):
    from transition.platform.ui.pdf import pdf_renderer

    with pdf_renderer(workers) as render_many:
        # A generator: each document goes to a worker as soon as it is produced.
        documents = list(render_many((f"<p>Attestation {n}</p>" for n in range(5)), lazy=lazy))
    assert len(documents) == 5
    for number, content in enumerate(documents):
        assert content.startswith(b"%PDF")
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(content)
        assert PdfReader(path).pages[0].extract_text().startswith(f"Attestation {number}")
