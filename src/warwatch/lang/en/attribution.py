"""Attribution cues: the verbs, nouns and adjectives that attribute a statement to a source,
by class, and the words the attribution rules look for (``claims/cues.py``).

Written by hand for warwatch (not derived from any corpus). The pipeline runs spaCy without its
lemmatizer, so verb forms are generated here (``FORMS``: form -> base). Classes: ``speech`` (say,
tell, announce, warn ...), ``deny`` (deny, reject, refute, dismiss, dispute ...), ``report``
(report, show, find: media, monitors, polls), ``belief`` (think, believe, expect, fear ...),
``intent`` (want, plan, intend, seek ...), ``stance`` (support, oppose, endorse, discuss, cite:
opinions and topics, which PolNeAR annotates too).
"""

from __future__ import annotations

import re

from .inflect import verb_forms

SPEECH = """
say tell state add announce claim declare explain insist argue assert maintain note stress
emphasize emphasise warn caution urge vow pledge promise predict suggest acknowledge admit
concede confirm reveal disclose allege accuse charge complain criticize criticise condemn
denounce blast slam lambast praise hail welcome defend question ask answer reply respond
counter retort write tweet post comment remark mention describe characterize characterise
label brand quote recall testify conclude estimate boast brag joke quip agree disagree
demand threaten propose recommend advise repeat reiterate echo signal indicate imply hint
bemoan recount relay muse opine interject chime scold chide rebuke taunt tease
underscore underline highlight spell float broach inquire deride scoff sneer snap fume vent
gripe grumble moan whine bristle balk plead beg implore theorize theorise posit surmise
email text telephone phone proclaim preach pronounce certify verify
contend assure reassure speculate observe proclaim shout yell whisper cry protest object
lament mock ridicule predict blame thank applaud congratulate call dub term order
instruct request insist swear attest guarantee forecast project tout champion decry deplore
lament regret apologize apologise accept express voice raise cite concur affirm reaffirm
stipulate specify inform notify advertise publicize publicise announce portray paint
frame clarify elaborate detail outline summarize summarise""".split()

DENY = """deny reject refute dismiss dispute rebut contest repudiate disavow contradict
debunk disclaim gainsay negate""".split()

REPORT = """report show find document publish record count tally reveal indicate suggest
estimate put register log monitor""".split()

BELIEF = """think believe feel know expect fear worry suspect doubt assume consider reckon
understand realize realise recognize recognise view regard trust wonder imagine anticipate
learn hear remember forget figure guess presume suppose perceive sense see judge deem
acknowledge conclude bet gather infer deduce foresee envision envisage appreciate""".split()

STANCE = """support back endorse oppose favor favour champion advocate applaud cheer
discuss talk speak refer cite list vote encourage campaign lobby press push rail lash
fault credit""".split()

INTENT = """want plan intend seek aim wish prefer refuse decide hope vow pledge promise
threaten demand urge""".split()

# a clause is needed for these (they are too common with a plain object)
NEEDS_CLAUSE = frozenset("""email text telephone phone spell float gather bet appreciate
find show see know hear learn feel figure remember forget put
record count register log monitor understand recognize recognise realize realise consider
judge sense perceive imagine accept express raise cite voice answer question call order add
note post write hold""".split())

# the object of these is the listener, not the content
RECIPIENT_OBJECT = frozenset("tell ask inform notify assure reassure urge warn thank advise instruct "
                             "order request remind".split())

def _classes() -> dict[str, str]:
    out: dict[str, str] = {}
    # later classes do not override earlier ones: deny first, then speech, report, belief, intent
    for cls, words in (("deny", DENY), ("speech", SPEECH), ("report", REPORT),
                       ("belief", BELIEF), ("intent", INTENT),
                       ("stance", STANCE)):
        for w in words:
            out.setdefault(w, cls)
    return out


VERB_CLASS: dict[str, str] = _classes()
"""Base form -> cue class."""

FORMS: dict[str, str] = {}
for _base in VERB_CLASS:
    for _form in verb_forms(_base):
        FORMS.setdefault(_form, _base)


NOUN_CUES: dict[str, str] = {}
for _cls, _words in (
    ("speech", "statement statements claim claims assertion assertions allegation allegations "
               "accusation accusations announcement remark remarks comment comments argument "
               "insistence contention warning warnings promise promises pledge pledges word "
               "admission acknowledgement acknowledgment testimony suggestion message declaration "
               "charge charges insinuation speech interview quote"),
    ("deny", "denial denials rejection rebuttal"),
    ("report", "report reports reporting finding findings estimate estimates data figures "
               "survey poll polls study analysis account accounts news rumor rumors rumour rumours "
               "indication indications evidence"),
    ("belief", "belief beliefs view views opinion assessment fear fears concern concerns hope "
               "hopes expectation expectations suspicion suspicions doubt doubts impression "
               "perception sense conviction feeling understanding"),
    ("intent", "plan plans intention intentions goal aim desire wish"),
):
    for _w in _words.split():
        NOUN_CUES[_w] = _cls

ADJ_CUES = frozenset("""confident convinced sure certain aware optimistic hopeful worried concerned
afraid adamant unsure skeptical sceptical pessimistic insistent positive doubtful fearful
determined clear""".split())

# light verbs whose subject is the source of their noun-cue object ("X issued a statement")
LIGHT_VERBS = frozenset("make made makes making issue issued issues issuing release released "
                        "releases releasing repeat repeated repeats reiterate reiterated express "
                        "expressed voice voiced give gave given offer offered have has had "
                        "publish published deliver delivered".split())

PRONOUNS = frozenset("he she they it we i you him her them us me".split())



DESCRIBE = frozenset("describe characterize characterise label brand dub term call portray paint "
                      "frame view regard see consider dismiss reject".split())
EXPLETIVE = frozenset({"it", "there"})


XCOMP_OK = frozenset("vow pledge promise threaten refuse agree demand urge claim expect hope wish "
                      "try attempt decline offer propose prefer vote".split())
XCOMP_SPEECH = frozenset("vow pledge promise threaten claim appear".split())
ANONYMOUS_RE = re.compile(r"\b(named|identified|quoted by name|name not be published)\b")
WH = frozenset("what which who whom whatever whoever how why where when".split())
NOT_CONTENT = frozenset("comment comments".split())
OBJ_FOR = frozenset("praise thank blame criticize criticise fault credit accuse condemn "
                     "denounce applaud congratulate slam blast lambast mock".split())
PREP_ANY = frozenset({"about", "of", "on", "over"})
PREP_FOR = frozenset("call push argue advocate vote praise thank blame criticize criticise cheer "
                      "campaign press lobby appeal plead ask demand fault credit apologize apologise "
                      "speak testify".split())
PREP_AT = frozenset("hint point jab swipe lash fire scoff laugh rail hit".split())
PREP_TO = frozenset("refer respond reply object point allude react appeal turn agree".split())
PREP_AGAINST = frozenset("warn argue speak campaign vote rail testify lobby protest caution".split())


def verb_base(word: str) -> str | None:
    """The lexicon base form of a verb form ("denied" -> "deny"), else None."""
    return FORMS.get(word.lower())


QUOTE_OPEN = "“«„"
QUOTE_CLOSE = "”»"
"""Curly quotation marks by direction; straight double quotes alternate."""
ACCORDING = ("according", "to")
NO_ABOUT = frozenset("say tell add ask write post tweet".split())
"""Cue verbs whose prepositional phrase is content only with "about" ("said about ...")."""
KNOW = frozenset("hear learn know".split())
AGREE = frozenset("agree disagree side concur".split())
ASK = frozenset("ask request".split())
RELATIVE = frozenset("that which who".split())
THAT = "that"
AS = "as"
BY_FROM = frozenset("by from".split())
ING = "ing"
"""The participle ending: "..., saying ..." hangs a content on the participle."""
