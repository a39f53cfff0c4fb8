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
def test_many_documents_at_once(workers):
    from transition.platform.ui.pdf import pdf_renderer

    with pdf_renderer(workers) as render_many:
        documents = render_many([f"<p>Attestation {n}</p>" for n in range(3)])
    assert len(documents) == 3
    assert all(d.startswith(b"%PDF") for d in documents)
