"""The event-type classifier: TF-IDF word and character n-grams with a linear model.

Fast on a CPU (thousands of snippets per second) and trained in a few seconds from the
sentences shipped in ``events/train_data/*.tsv`` (written by the warwatch authors). The
trained model is cached on disk, keyed by a data version (a hash of the training files,
``MODEL_VERSION`` and the scikit-learn version), like the gazetteer:
``$XDG_CACHE_HOME/warwatch/events-model-<version>.pkl``. Nothing binary is committed.

``WARWATCH_EVENT_MODEL`` points at a model file trained by the user, for instance from an
ACLED export with ``train_from_acled(csv_path, out_path)`` (``warwatch train events --acled``).

Text normalisation before features: lower case, digits folded to ``0``, and a leading
ACLED-style date ("On 12 March 2020, ") removed so it does not become a feature.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import sys
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..records import WarwatchError
from .taxonomy import CODES, NONE, acled_code

MODEL_VERSION = "2"
"""Bump when features or the classifier change; cached models of other versions are ignored."""

ENV_VAR = "WARWATCH_EVENT_MODEL"
TRAIN_DIR = Path(__file__).parent / "train_data"


class EventModelError(WarwatchError):
    """Training data or a model file is invalid."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    source: str = ""


# --------------------------------------------------------------------------------------
# Text normalisation

_LEAD_DATE = re.compile(
    r"^\s*(?:on|around|between|in|during|from)?\s*(?:the\s+)?(?:night\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2})?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\s*(?:\(\w+\))?\s*,\s*", re.I)
_BRACKETS = re.compile(r"\[[^\]]{0,80}\]")
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


# The names of those who *report* events (monitors, media, NGOs, international bodies) are
# replaced with a word for their kind before features are taken: a reporter's name says
# nothing of the event type, and words inside it ("Syrian Observatory for Human Rights")
# otherwise pull a sentence towards the wrong type (protests by rights groups). Masking
# the fighting sides too ("al-Shabaab" -> "armed group") was measured and scored lower
# (CASE 2021 dev weighted F1 0.652 against 0.665), so their names stay.
_ACTOR_WORDS = {
    "monitor": "monitor", "media": "news outlet", "ngo": "aid group",
    "igo": "international organisation",
}


_STATE_KINDS = frozenset({"state_force", "government"})
_NON_STATE_KINDS = frozenset({"armed_group", "militia"})
_SIDES = {**{k: "state" for k in _STATE_KINDS}, **{k: "nonstate" for k in _NON_STATE_KINDS}}


@lru_cache(maxsize=2)
def _alias_patterns(table: str) -> tuple[re.Pattern, re.Pattern, dict[str, str]] | None:
    """Two regexes over the shipped registry's aliases of the actor types in ``table``
    (``"mask"``: reporters -> a word for their kind; ``"side"``: fighting sides -> ``state`` /
    ``nonstate``), case-sensitive for those written in capitals ("IS", "SDF") and any case
    for the rest, and the alias -> replacement table."""
    words = _ACTOR_WORDS if table == "mask" else _SIDES
    try:
        from ..nlp.actors import ActorRegistry
        registry = ActorRegistry.load(env=False)
    except Exception:  # noqa: BLE001 - features without masking beat no classifier
        return None
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for entry in registry.entries.values():
        word = words.get(entry.type)
        if word is None:
            continue
        for alias in entry.aliases:
            text = alias.text.strip()
            if len(text) < 2:
                continue
            if alias.case == "exact" or not any(ch.islower() for ch in text):
                exact.setdefault(text, word)
            else:
                loose.setdefault(text.lower(), word)

    def rx(names, flags=0):
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", flags)

    return rx(exact), rx(loose, re.I), {**exact, **loose}


def mask_actors(text: str) -> str:
    """Registry actor names in ``text`` replaced by words for their type."""
    pats = _alias_patterns("mask")
    if pats is None:
        return text
    exact, loose, table = pats
    text = loose.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)
    return exact.sub(lambda m: table.get(m.group(0), m.group(0)), text)


def _lower(text: str) -> str:
    """Lower case with the same length ("İ".lower() is two characters), so that offsets
    found in the lowered text hold in the original."""
    return "".join(c.lower()[:1] or c for c in text)


# "Islamic State lost Palmyra to government forces", "the town was retaken by Iraqi troops":
# the side that took it is named after these words, not first
_AGENT_AFTER = re.compile(
    r"\b(?:lost|ceded|surrendered|handed)\b[^.;]{0,80}?\bto\b|"
    r"\b(?:taken|captured|seized|overrun|recaptured|retaken|liberated|regained|stormed|"
    r"wrested)\s+(?:back\s+)?by\b", re.I)


def _first_side(text: str) -> str | None:
    found = []
    m = _FIRST_RX.search(_lower(text))
    if m:
        found.append((m.start(), m.lastgroup))
    pats = _alias_patterns("side")
    if pats is not None:
        exact, loose, table = pats
        for rx, key in ((exact, lambda t: t), (loose, str.lower)):
            m = rx.search(text)
            if m:
                found.append((m.start(), table[key(m.group(0))]))
    return min(found)[1] if found else None


def acting_side(text: str) -> str | None:
    """``state`` or ``nonstate``: the kind of the side that takes territory in ``text``, by
    the registry's actors ("Iraqi forces", "Islamic State") or the concept lexicon's words
    ("troops", "rebels"): the side named after "lost ... to" or a passive "taken by", else the
    first side named (news names the side that acts first far more often than not: "Rebels
    seized...", "The army retook..."); None when it names neither."""
    m = _AGENT_AFTER.search(text)
    if m:
        side = _first_side(text[m.end():])
        if side is not None:
            return side
    return _first_side(text)


TERRITORY_TYPES = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")


def territory_side(label: str, side: str | None) -> str:
    """Taking territory by force is ``GOV_REGAINS_TERIT`` for a state actor and
    ``NON_STATE_ACTOR_OVERTAKES_TER`` for a non-state one (ACLED's definitions): when the
    acting side's kind is known, it decides between the two; other labels pass."""
    if label not in TERRITORY_TYPES or side is None:
        return label
    return "GOV_REGAINS_TERIT" if side == "state" else "NON_STATE_ACTOR_OVERTAKES_TER"


def normalize(text: str) -> str:
    text = mask_actors(text)
    text = _BRACKETS.sub(" ", text)
    text = _LEAD_DATE.sub("", text, count=1)
    text = _DIGITS.sub("0", text.lower())
    return _SPACE.sub(" ", text).strip()


# --------------------------------------------------------------------------------------
# Training data


def read_examples(paths: Iterable[Path] | None = None) -> list[Example]:
    """``CODE<TAB>sentence`` lines from the shipped files (or ``paths``); ``#`` lines are comments."""
    files = sorted(TRAIN_DIR.glob("*.tsv")) if paths is None else [Path(p) for p in paths]
    out: list[Example] = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            label, sep, text = line.partition("\t")
            label, text = label.strip(), text.strip()
            if not sep or not text:
                raise EventModelError(f"{path.name}:{n}: expected CODE<TAB>sentence")
            if label not in CODES and label != NONE:
                raise EventModelError(f"{path.name}:{n}: unknown event type {label!r}")
            out.append(Example(text, label, f"{path.name}:{n}"))
    return out


def data_version() -> str:
    import sklearn

    h = hashlib.sha256(f"{MODEL_VERSION};sklearn={sklearn.__version__};".encode())
    h.update(Path(__file__).read_bytes())   # features and classifier live here
    from ..nlp.actors import DATA_DIR as ACTORS_DIR

    # the training sentences, and the packaged actor registry that masks names in them
    for path in [*sorted(TRAIN_DIR.glob("*.tsv")), *sorted(ACTORS_DIR.glob("*.yaml"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cache_path(version: str | None = None) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warwatch" / f"events-model-{version or data_version()}.pkl"


# --------------------------------------------------------------------------------------
# Model


@dataclass
class EventModel:
    """A fitted vectoriser + linear classifier. ``labels`` may include ``NONE``."""

    vectorizer: object
    classifier: object
    labels: list[str]
    info: dict = field(default_factory=dict)

    def _scores(self, texts: Sequence[str]):
        X = self.vectorizer.transform([normalize(t) for t in texts])
        return self.classifier.decision_function(X)

    def predict(self, texts: Sequence[str], *, allow_none: bool = False) -> list[str]:
        """One code per text. ``NONE`` only when ``allow_none`` (else the best real type)."""
        if not texts:
            return []
        import numpy as np

        scores = np.asarray(self._scores(texts))
        if scores.ndim == 1:   # two-class model
            scores = np.stack([-scores, scores], axis=1)
        if not allow_none and NONE in self.labels:
            scores[:, self.labels.index(NONE)] = -np.inf
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        X = self.vectorizer.transform([normalize(t) for t in texts])
        probs = self.classifier.predict_proba(X)
        classes = list(self.classifier.classes_)
        return [dict(zip(classes, map(float, row))) for row in probs]


# Concept lexicon: hand-written word classes from domain knowledge (not from any gold file).
# Each text gets a token per concept it mentions, the concept pairs it mentions, and which
# kind of actor (state / non-state) it names first (a cheap proxy for the subject), so a
# synonym unseen in training still lands on the right concept.
_CONCEPTS: dict[str, str] = {
    "state": r"\b(?:army|armies|troops?|soldiers?|military|government forces|security forces|police\w*|"
             r"regime|gendarmes?|gendarmerie|armed forces|state forces|federal forces|loyalist\w*|"
             r"national guard|marines|navy|officers?|authorities|government|junta|defence forces|"
             r"defense forces|pro-government)\b",
    "nonstate": r"\b(?:rebels?|militants?|insurgents?|jihadists?|fighters?|militias?|militiam[ae]n|"
                r"gunmen|guerrillas?|separatists?|terrorists?|bandits?|islamic state|isis|isil|daesh|"
                r"taliban|al-shabaab|shabaab|boko haram|armed group|armed men|faction|dissidents?|"
                r"gangs?|opposition forces|resistance|mercenar\w+)\b",
    "retake": r"\b(?:recaptur\w*|retook|retak\w*|regain\w*|reclaim\w*|liberat\w*|took back|taken back|"
              r"take back|drove out|driven out|dislodg\w*|flush\w* out|reoccup\w*|re-?establish\w* control|"
              r"restor\w* (?:state )?(?:authority|control))\b",
    "seize": r"\b(?:seiz\w*|captur\w*|took control|taken control|take control|took over|taken over|"
             r"overr[au]n\w*|fell to|stormed|occup\w*|took(?! part| place)|entered)\b",
    "withdraw": r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|s)? (?:out|back)|abandon\w*|vacat\w*|"
                r"hand(?:ed|s)? over|handover|without a fight|unopposed|retreat\w*|left the|"
                r"without (?:resistance|fighting|firing))\b",
    "air": r"\b(?:air ?strikes?|air raids?|warplanes?|jets?|aircraft|helicopters?|gunships?|drones?|"
           r"aerial|air force|aviation|uavs?|bomb(?:ed|ing|ers?)? from the air|barrel bombs?|sorties?)\b",
    "arty": r"\b(?:shell\w*|artillery|mortars?|rockets?|missiles?|howitzers?|grad|katyushas?|barrage|"
            r"projectiles?|bombard\w*|mlrs|rpgs?)\b",
    "ied": r"\b(?:ieds?|improvised explosive|roadside bombs?|landmines?|mines?|car bombs?|"
           r"explosive devices?|booby[- ]trap\w*|planted|remote[- ]controlled|sticky bombs?|"
           r"unexploded|ordnance|vbied)\b",
    "grenade": r"\bgrenades?\b",
    "suicide": r"\b(?:suicide|blew (?:him|her|them)sel(?:f|ves) up|explosive (?:vest|belt)s?|"
               r"self-detonat\w*)\b",
    "chem": r"\b(?:chemical|chlorine|sarin|mustard|nerve agent|toxic (?:gas|agent|substance)|"
            r"poison(?:ous)? gas|suffocat\w*|chloropicrin)\b",
    "explode": r"\b(?:explo\w+|blasts?|bombs?|bombing|detonat\w*|went off|blew up)\b",
    "kill": r"\b(?:kill\w*|dead|deaths?|died|shot|murder\w*|massacre\w*|execut\w*|behead\w*|"
            r"slaughter\w*|stabbed|lynch\w*|fatalit\w+|wounded|injur\w+)\b",
    "civil": r"\b(?:civilians?|villagers?|residents?|farmers?|passengers?|worshippers?|students?|"
             r"teachers?|wom[ae]n|child(?:ren)?|famil(?:y|ies)|journalists?|activists?|herders?|"
             r"traders?|displaced|pilgrims?|patients?)\b",
    "protest": r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|sit-ins?|"
               # a labour strike, not an air or artillery strike ("Turkish strikes killed...")
               r"(?:general|hunger|labou?r|workers'?|nationwide|national|indefinite|token|transport) strikes?|"
               r"on strike|strikers|strike action|"
               r"vigil|picket\w*|chant\w*|placards?)\b",
    "peaceful": r"\b(?:peaceful\w*|without incident|no incidents?|silent|non-?violent)\b",
    "disperse": r"\b(?:dispers\w*|tear ?gas|water cannons?|rubber bullets?|broke up|break up|broken up|"
                r"batons?|pepper spray|scatter\w*)\b",
    "livefire": r"\b(?:live (?:ammunition|bullets|rounds|fire)|opened fire|fired (?:on|at|into)|"
                r"shot dead|snipers?|crackdown)\b",
    "riot": r"\b(?:riot\w*|stones?|ston(?:ed|ing)|rocks|petrol bombs?|molotov|burn\w*|torch\w*|"
            r"set fire|ablaze|barricades?|loot\w*|vandal\w*|ransack\w*|smash\w*|pelt\w*|hurl\w*)\b",
    "mob": r"\b(?:mobs?|lynch\w*|vigilantes?|angry crowd|crowds?|communal|sectarian|set upon|"
           r"witch\w*|rival (?:groups|supporters|communities|gangs))\b",
    "abduct": r"\b(?:kidnap\w*|abduct\w*|hostages?|disappear\w*|missing|ransom|whereabouts|"
              r"hijack\w*)\b",
    "sex": r"\b(?:rap(?:e|ed|es|ing)|sexual\w*|sexually|gang-rap\w*)\b",
    "arrest": r"\b(?:arrest\w*|detain\w*|detention|custody|apprehend\w*|rounded up|picked up|"
              r"in connection with|charged)\b",
    "agree": r"\b(?:agree\w*|deal|ceasefire|cease-fire|truce|accords?|signed|pact|swap|"
             r"exchange of prisoners|prisoner exchange|memorandum|surrender\w*|reconciliation)\b",
    "diplo": r"\b(?:ministers?|ambassadors?|envoys?|talks|summit|diplomat\w*|visit\w*|met|meeting|"
             r"condemn\w*|sanctions?|urg\w+|called on|calls? for|foreign|security council|"
             r"counterpart|negotiat\w*|delegation|president)\b",
    "claim": r"\b(?:claim\w* responsibility|claimed|blam\w*|accus\w*|responsib\w*|behind the|"
             r"denied|attribut\w*|hallmarks)\b",
    "disrupt": r"\b(?:defus\w*|intercept\w*|shot down|caches?|recover\w*|found|discover\w*|"
               r"thwart\w*|foil\w*|neutrali[sz]\w*|disposal|controlled explosion|confiscat\w*|"
               r"seized|uncover\w*|made safe|clear(?:ed|ing) (?:mines|bombs|ieds))\b",
    "weapons": r"\b(?:weapons?|arms|ammunition|rifles?|explosives|guns|detonators?|ak-0+)\b",
    "base": r"\b(?:bases?|headquarters|camps?|posts?|garrisons?|command cent(?:re|er)|outposts?|"
            r"set up|established?|establishing)\b",
    "deploy": r"\b(?:deploy\w*|reinforcements?|curfew|mobili[sz]\w*|launch\w*|operations?|"
              r"offensive|merg\w*|split|allegiance|recruit\w*|state of emergency|bann?\w*|"
              r"suspend\w*|exercises?|redeploy\w*|massed|convoy)\b",
    "crime": r"\b(?:cartels?|traffick\w*|smuggl\w*|drugs?|cocaine|heroin|methamphetamine|cannabis|"
             r"mafia|extortion|extort\w*|launder\w*|contraband|racket\w*|syndicate|narco\w*)\b",
    "natural": r"\b(?:earthquakes?|quakes?|floods?|flooding|cyclones?|hurricanes?|typhoons?|storms?|"
               r"landslides?|mudslides?|drought|volcan\w*|tsunami|tornado\w*|wildfires?|rains?|"
               r"snow\w*|avalanches?|heatwave|locusts?|epidemic|outbreak|cholera|magnitude)\b",
    "accident": r"\b(?:accident\w*|collaps\w*|fire broke out|blaze|derail\w*|crash\w*|capsiz\w*|"
                r"sank|leak\w*|spill\w*|stampede|factory|plant|warehouse|industrial|faulty|"
                r"short circuit|tanker|refinery|gas cylinder)\b",
    "clash": r"\b(?:clash\w*|fight\w*|fought|gunfights?|firefights?|exchang\w* (?:of )?fire|"
             r"gun ?battles?|battl\w*|skirmish\w*|ambush\w*|repel\w*|repuls\w*|engag\w*|"
             r"traded fire|shootout)\b",
}
_CONCEPT_RX = tuple((name, re.compile(rx)) for name, rx in _CONCEPTS.items())
_FIRST_RX = re.compile("|".join(f"(?P<{k}>{_CONCEPTS[k]})" for k in ("state", "nonstate")))


def concept_tokens(norm: str) -> str:
    """Concept tokens for a normalised text: ``c_x`` per concept, ``p_x_y`` per pair, and
    ``first_state`` / ``first_nonstate``."""
    found = sorted(name for name, rx in _CONCEPT_RX if rx.search(norm))
    toks = [f"c_{n}" for n in found]
    toks += [f"p_{a}_{b}" for i, a in enumerate(found) for b in found[i + 1:]]
    m = _FIRST_RX.search(norm)
    if m:
        toks.append(f"first_{m.lastgroup}")
        toks += [f"first_{m.lastgroup}_{n}" for n in found if n not in ("state", "nonstate")]
    return " ".join(toks) or "c_none"


def concept_spans(text: str, concepts) -> list[tuple[int, int]]:
    """Character spans in ``text`` (any case) where one of ``concepts`` is named."""
    low = _lower(text)
    return [m.span() for name, rx in _CONCEPT_RX if name in concepts for m in rx.finditer(low)]


def _concept_docs(texts):
    return [concept_tokens(t) for t in texts]


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    return FeatureUnion([
        ("concept", make_pipeline(
            FunctionTransformer(_concept_docs),
            TfidfVectorizer(analyzer=str.split, lowercase=False, sublinear_tf=True))),
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                 token_pattern=r"(?u)\b\w[\w'-]*\b")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=1,
                                 sublinear_tf=True, max_features=300_000)),
    ])


def train(examples: Sequence[Example], *, C: float = 10.0) -> EventModel:
    """Fit a model on ``examples`` (any labels among the 30 codes and ``NONE``)."""
    from sklearn.linear_model import LogisticRegression

    if not examples:
        raise EventModelError("no training examples")
    labels = sorted({e.label for e in examples})
    if len(labels) < 2:
        raise EventModelError("training needs at least two event types")
    vec = _vectorizer()
    X = vec.fit_transform([normalize(e.text) for e in examples])
    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(X, [e.label for e in examples])
    counts = Counter(e.label for e in examples)
    return EventModel(vec, clf, list(clf.classes_),
                      info={"examples": len(examples), "per_type": dict(sorted(counts.items())),
                            "model_version": MODEL_VERSION})


def save_model(model: EventModel, path: str | os.PathLike) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(model, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return path


def read_model(path: str | os.PathLike) -> EventModel:
    """Load a model file (a pickle: only load files you or warwatch wrote)."""
    try:
        with open(path, "rb") as fh:
            model = pickle.load(fh)
    except OSError as exc:
        raise EventModelError(f"{path}: cannot read event model ({exc.strerror or exc})") from exc
    except Exception as exc:  # noqa: BLE001 - a corrupt or foreign pickle
        raise EventModelError(f"{path}: not a warwatch event model ({exc})") from exc
    if not isinstance(model, EventModel):
        raise EventModelError(f"{path}: not a warwatch event model")
    return model


_lock = threading.Lock()
_loaded: dict[str, EventModel] = {}


def load_model(path: str | os.PathLike | None = None) -> EventModel:
    """The model to use: ``path``, else ``$WARWATCH_EVENT_MODEL``, else the built-in one
    (trained from the shipped sentences on first use and cached on disk). Cached per process."""
    explicit = path or os.environ.get(ENV_VAR)
    key = str(explicit) if explicit else f"builtin:{data_version()}"
    with _lock:
        if key in _loaded:
            return _loaded[key]
        if explicit:
            model = read_model(explicit)
        else:
            model = _builtin(cache_path(key.split(":", 1)[1]))
        _loaded[key] = model
        return model


def _builtin(path: Path) -> EventModel:
    if path.exists():
        try:
            return read_model(path)
        except EventModelError:
            pass  # rebuilt below
    model = train(read_examples())
    try:
        save_model(model, path)
    except OSError:
        pass  # read-only cache: keep the in-memory model
    return model


# --------------------------------------------------------------------------------------
# ACLED


def read_acled(csv_path: str | os.PathLike, *, max_per_type: int | None = 20_000,
               seed: int = 13) -> tuple[list[Example], Counter]:
    """Examples from an ACLED export (columns ``notes`` and ``sub_event_type``). Rows with empty
    notes or an unknown sub-event type are skipped (counted under ``skipped``). At most
    ``max_per_type`` rows per type are kept (reservoir sampling, reproducible)."""
    import random

    rng = random.Random(seed)
    kept: dict[str, list[Example]] = defaultdict(list)
    seen: Counter = Counter()
    stats: Counter = Counter()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        fh = open(csv_path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise EventModelError(f"{csv_path}: cannot read ACLED file ({exc.strerror or exc})") from exc
    with fh:
        sample = fh.read(4096)
        fh.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(fh, dialect=dialect)
        fields = {f.strip().lower(): f for f in reader.fieldnames or []}
        if "notes" not in fields or "sub_event_type" not in fields:
            raise EventModelError(f"{csv_path}: an ACLED export needs the columns notes and "
                                  f"sub_event_type")
        for n, row in enumerate(reader, 2):
            notes = (row.get(fields["notes"]) or "").strip()
            code = acled_code(row.get(fields["sub_event_type"]))
            if not notes or code is None:
                stats["skipped"] += 1
                continue
            seen[code] += 1
            ex = Example(notes, code, f"acled:{n}")
            bucket = kept[code]
            if max_per_type is None or len(bucket) < max_per_type:
                bucket.append(ex)
            else:
                j = rng.randrange(seen[code])
                if j < max_per_type:
                    bucket[j] = ex
    out = [e for code in sorted(kept) for e in kept[code]]
    stats.update({f"type:{k}": len(v) for k, v in kept.items()})
    return out, stats


def train_from_acled(csv_path: str | os.PathLike, out_path: str | os.PathLike, *,
                     include_builtin: bool = True, max_per_type: int | None = 20_000) -> dict:
    """Train a model from an ACLED export and save it to ``out_path``; point
    ``WARWATCH_EVENT_MODEL`` at that file to use it. The shipped sentences are added
    (``include_builtin``) so the five CASE types ACLED does not code, and the no-event
    class used by detection, are still known. Returns a summary dict."""
    acled, stats = read_acled(csv_path, max_per_type=max_per_type)
    if not acled:
        raise EventModelError(f"{csv_path}: no usable rows (notes + known sub_event_type)")
    examples = acled + (read_examples() if include_builtin else [])
    model = train(examples)
    model.info["acled_rows"] = len(acled)
    model.info["acled_source"] = str(csv_path)
    save_model(model, out_path)
    return {"model": str(out_path), "acled_rows": len(acled), "skipped": stats.get("skipped", 0),
            "examples": len(examples), "types": len(model.labels),
            "per_type": {k[5:]: v for k, v in sorted(stats.items()) if k.startswith("type:")},
            "use": f"export {ENV_VAR}={out_path}"}
