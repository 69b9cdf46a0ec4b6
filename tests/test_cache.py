"""The facts cache's key: the text, the file name, the manifest entry and the pipeline."""
from govkg.ingest.cache import cache_key
from govkg.ingest.readers import document_from_text

TEXT = "郏县2023年报告\n郏县司法局推进述法。"


def test_the_key_follows_the_text_the_file_name_and_the_manifest():
    d = document_from_text(TEXT, "a.txt")
    assert cache_key(d) == cache_key(document_from_text(TEXT, "a.txt"))
    assert cache_key(d) != cache_key(document_from_text(TEXT + "。", "a.txt"))
    assert cache_key(d) != cache_key(document_from_text(TEXT, "b.txt"))
    other = document_from_text(TEXT, "a.txt")
    other.meta = {"region": "410425"}
    assert cache_key(d) != cache_key(other)
