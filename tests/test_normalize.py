from govkg.schema.normalize import NormalizedText, normalize


def test_quotes_and_widths_disappear():
    assert normalize("“八五”普法") == normalize("八五普法") == normalize('"八五"普法')
    assert normalize("村（居）法律顾问") == normalize("村(居)法律顾问")
    assert normalize("ＡＢＣ１２") == "abc12"


def test_offsets_map_back_to_the_original():
    text = "开展“法律明白人”培养工程和 “八五” 普法。"
    nt = NormalizedText(text)
    for word in ("法律明白人培养工程", "八五普法"):
        i = nt.norm.index(word)
        a, b = nt.span(i, i + len(word))
        assert normalize(text[a:b]) == word
        assert text[a] == word[0] and text[b - 1] == word[-1]
