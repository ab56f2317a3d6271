"""Event words: the cues of event detection and the event classifier's concept lexicon.

Read by ``events/`` through the document's language. Hand-written from domain knowledge (not
from any gold file).
"""

from __future__ import annotations

import re
from pathlib import Path

from .inflect import verb_forms

SENTENCES = Path(__file__).with_name("event_sentences")
"""The event classifier's training sentences (``CODE<TAB>sentence`` files, written by the
warwatch authors)."""

# --------------------------------------------------------------------------------------
# Detection (events/candidates.py, events/roles.py, events/detect.py)

SPEECH_FORMS = ("say", "said", "says", "saying", "tell", "told", "tells", "report", "reported",
           "reports", "announce", "announced", "announces", "state", "stated", "states", "claim",
           "claimed", "claims", "add", "added", "adds", "confirm", "confirmed", "confirms", "deny",
           "denied", "denies", "insist", "insisted", "write", "wrote", "declare", "declared",
           "warn", "warned", "note", "noted", "allege", "alleged", "quote", "quoted", "post",
           "posted", "tweet", "tweeted")



SINCE = re.compile(r"\bsince\s+(?:(?:19|20)\d\d|the\s+(?:start|beginning|end)|early|late|last|"
                    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
EARLIER = re.compile(r"\b(?:earlier\s+this\s+(?:month|year)|last\s+(?:month|year)|"
                      r"(?:\w+|\d+)\s+(?:months?|years?)\s+(?:ago|earlier|before)|in\s+(?:19|20)\d\d|"
                      r"at\s+the\s+(?:start|beginning)\s+of\s+the\s+war|back\s+in)\b", re.I)
CUMULATIVE = re.compile(
    r"\b(?:so\s+far|to\s+date|since\s+(?:the\s+(?:start|beginning)|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|last\s+\w+)|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks|months)|"
    r"in\s+(?:\w+|\d+)\s+(?:days|weeks|months)\s+of)\b", re.I)
"""With a perfect ("have been killed", "has killed"), a toll summed over a period ("since
Saturday at least 68 civilians have been killed", "135 have been killed in the last three
days"): a tally of many acts, no report of one."""
SCARE_QUOTE = re.compile(r"^\s*[\"“‘'](?:[^\"”’'\s]+\s+){0,7}[^\"”’'\s]*[^\"”’'\s,.!?][\"”’']\s+"
                         r"(?!(?:[\w.-]+\s+){0,4}?(?:said|says|told|added|insisted)\b)[\w(]")
"""A sentence that opens with a few quoted words and goes on ('"Suicide attack" hits a party
office', a monitoring service's headline marking a claim as the source's) is no quotation of
speech: the quote closes on a word, not on the speaker's comma or full stop, and no "said"
follows it."""
QUOTE_END = re.compile(r"[,.!?][\"”’']\s+(?:[\w.-]+\s+){0,4}?(?:said|says|told|added|insisted)\b")
DURATION = re.compile(r"\bfor\s+(?:(?:more\s+than|over|nearly|almost|about)\s+)?(?:\w+|\d+)\s+"
                       r"(?:years?|months?|weeks?|decades?)\b", re.I)
HOLD_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:been\s+)?(?:held|holding|controlled|controlling|"
                   r"occupied|occupying|ruled|run)\b", re.I)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a hundred": 100,
}
NUM = r"(?P<n>\d[\d,]*|a dozen|a hundred|" + "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True)) + r")"
BOUND = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s+)?"
DEATH = r"(?:killed|dead|died|die|dies|deaths|fatalities|lives|killings|bodies)"
FATAL_PATTERNS = (
    # killing at least 35 civilians / killed 20 people
    re.compile(r"\b(?:kill(?:ing|ed|s)?|claim(?:ing|ed)? the lives of|left)\s+" + BOUND + NUM
               + r"(?![\w-])(?:\s+[a-z-]+){0,3}?(?:\s+(?:dead|people|persons|civilians|soldiers|"
               r"fighters|militants|others|of them|men|women|children|members|troops|officers|"
               r"policemen|rebels|residents|villagers|worshippers|passengers))?", re.I),
    # 35 civilians were killed / 20 dead / 7 people died / 12 deaths
    re.compile(BOUND + r"\b" + NUM + r"(?![\w-])(?:\s+[a-z-]+){0,3}?\s+(?:(?:were|was|have been|had been|"
               r"are|reportedly|being)\s+)*" + DEATH + r"\b", re.I),
    # death toll rose to 40 / toll of 40
    re.compile(r"\b(?:death toll|toll)\s+(?:\w+\s+){0,3}?(?:to|of|at|reached)\s+" + BOUND + NUM
               + r"(?![\w-])", re.I),
)
WOUND_AFTER = re.compile(r"^\s*(?:people\s+|civilians\s+|others\s+)?(?:were\s+)?(?:wounded|injured|hurt)", re.I)



MODALS = frozenset({"would", "will", "could", "should", "may", "might", "must", "can", "shall",
                     "'ll", "wo", "ca"})
FAILED = frozenset({"unable", "failed", "fail", "fails", "failing"})
"""Heads of a failed act ("has been unable to regain control", "failed to storm"): no event."""
INTENT = frozenset({"plan", "plans", "planned", "planning", "threaten", "threatened", "threatens",
                     "vowed", "vow", "vows", "want", "wants", "wanted", "hope", "hopes", "intend",
                     "intends", "aim", "aims", "expect", "expects", "expected", "need", "needs",
                     "had", "has", "have", "refused", "refuse", "urged", "called"})



PARTICIPANT_CUES = frozenset(
    "fighter fighters jet jets aircraft warplane warplanes artillery rocket rockets howitzer "
    "howitzers mortar mortars launcher launchers mine mines base bases drone drones".split())



REPORT_NOUNS = frozenset("report reports claim claims statement statements allegation "
                          "allegations accusation accusations".split())



HOLD_VERBS = frozenset("held holding controlled controlling occupied occupying ruled run".split())



MILITARY_NOUNS = frozenset({
    "tank", "tanks", "troops", "troop", "forces", "force", "army", "soldiers", "soldier", "jets",
    "jet", "warplanes", "warplane", "aircraft", "drones", "drone", "artillery", "military",
    "special", "commandos", "navy", "air", "helicopters", "helicopter", "gunships", "units",
    "strikes", "strike", "airstrikes", "airstrike", "shelling", "police", "gendarmes",
})
GENERIC_GROUPS = {
    "rebels": "armed_group", "rebel": "armed_group", "militants": "armed_group",
    "insurgents": "armed_group", "jihadists": "armed_group", "gunmen": "armed_group",
    "militiamen": "militia", "militias": "militia", "militia": "militia", "bandits": "armed_group",
    "separatists": "armed_group", "guerrillas": "armed_group", "fighters": "armed_group",
    "attackers": "armed_group", "assailants": "armed_group", "kidnappers": "armed_group",
    "terrorists": "armed_group", "police": "state_force", "policemen": "state_force",
    "soldiers": "state_force", "troops": "state_force", "army": "state_force",
}
ALLY_BEFORE = re.compile(r"(?:backed|supported|assisted|aided|helped|joined|accompanied|"
                          r"reinforced)\s+by\s+(?:the\s+)?$|(?:with\s+the\s+(?:support|help|backing|"
                          r"assistance)\s+of|alongside|together\s+with|along\s+with|supported\s+by)"
                          r"\s+(?:the\s+)?$", re.I)
BACKED_ACTS = frozenset("assault attack attacks offensive operation operations push incursion "
                         "campaign advance raid raids strikes strike bombardment invasion".split())
ALLY_AFTER = re.compile(r"^\s*-\s*(?:backed|supported|led|allied|aligned)\b|^'s\s+allies", re.I)
TARGET_PREPS = frozenset({"from", "against", "with", "on", "at", "targeting", "upon", "into"})



LOCATIVE = frozenset("in near at on outside around inside into toward towards across "
                      "from of between within".split())
DATELINE = re.compile(r"^(?:\s*/\s*[A-Z][\w .'-]*)*(?:,\s*[\w .'-]+)?\s*(?:\([^)]{0,40}\)\s*)?[—–-]")

SPEECH_VERBS = frozenset(SPEECH_FORMS)
"""Word forms of reporting verbs: a subject of these is the source of a report, not a party."""
REACTION_VERBS = frozenset(w for b in "condemn denounce decry deplore criticize criticise "
                           "welcome hail praise mourn demand urge call appeal emphasize emphasise "
                           "stress".split() for w in verb_forms(b))
"""Word forms of verbs of reaction ("the Coalition condemned the shelling", "X demands UN
action after the chlorine attack"): their subject reacts to an event and is no party to it.
Not "slam" or "blast": rockets slam into a market, artillery blasts a town."""
APPEAL_VERBS = frozenset(w for b in "demand urge call appeal".split() for w in verb_forms(b))
"""Of the reaction verbs, those whose object, or "on" phrase, is whom the appeal addresses or
what it asks for ("demands UN action", "called on Russia to"), not a party either ("condemned
Turkey" may name the doer)."""
SUFFERED_VERBS = frozenset("killed wounded injured captured arrested detained abducted kidnapped "
                           "executed beheaded slain shot martyred".split())
"""Participles that, on a name with no auxiliary ("IS commander killed in air strike", a
headline's passive), make the name the side that suffered the act, not its doer."""
CAUSE_NOUNS = frozenset({"revenge", "retaliation", "reprisal", "reprisals", "response"})
"""After "in", or after a copula ("the strike was a response to ..."), the words that open what
an act answers ("in revenge for the death of four pilots killed near X"): the toll, places and
dates said there are another event's."""
CAUSE_VERBS = frozenset({"avenge", "avenged", "avenging", "avenges"})
"""Verbs whose object is the event an act answers ("to avenge the 12 soldiers killed in X")."""
IN = "in"
REPORTED_BY = frozenset({"reported", "claimed", "said"})
"""A "by" phrase of these names the source ("as reported by X")."""
ACCORDING_TO = ("according", "to")
HAD = "had"
BEEN = "been"
NO = "no"
SINCE_WORD = "since"
PARTICIPANT_PREPOSITIONS = frozenset({"by", "with"})
"""A participant noun counts as the act's doer or instrument after these ("hit by rockets")."""
PERFECT_AUX = frozenset({"has", "have", "had"})
BY = "by"
ON = "on"
OF = "of"
BACKED_WORDS = frozenset({"backed", "supported", "led"})
"""After a demonym, these make it a state's forces ("Turkish-backed")."""


# --------------------------------------------------------------------------------------
# The classifier's features (events/features.py)

LEAD_DATE = re.compile(
    r"^\s*(?:on|around|between|in|during|from)?\s*(?:the\s+)?(?:night\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*\d{1,2})?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\s*(?:\(\w+\))?\s*,\s*", re.I)

ACTOR_WORDS = {
    "monitor": "monitor", "media": "news outlet", "ngo": "aid group",
    "igo": "international organisation",
}



CONCEPTS: dict[str, str] = {
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
             r"overr[au]n\w*|fell to|storm(?:s|ed|ing)|occup\w*|took(?! part| place)|enter(?:s|ed|ing)?|"
             # headline tense and wording: "forces enter town", "take more ground", "gain foothold"
             r"tak(?:e|es|ing) (?:full |more |new )?(?:control|ground|territory)|gain\w* (?:a )?foothold|"
             r"push(?:es|ed)? into|breach\w*)\b",
    "withdraw": r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|s)? (?:out|back)|abandon\w*|vacat\w*|"
                r"hand(?:ed|s)? over|handover|without a fight|unopposed|retreat\w*|left the|"
                r"without (?:resistance|fighting|firing))\b",
    "air": r"\b(?:air ?strikes?|air raids?|warplanes?|(?:war)?planes?|jets?|aircraft|helicopters?|gunships?|drones?|"
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
    "kill": r"\b(?:kill\w*|dead|deaths?|died|dies?|shot|murder\w*|massacre\w*|execut\w*|behead\w*|"
            r"slaughter\w*|stabbed|lynch\w*|fatalit\w+|casualt\w+|wounded|injur\w+)\b",
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
    "clash": r"\b(?:clash\w*|fight\w*|fought|attack\w*|assault\w*|offensive|beat back|beaten back|gunfights?|firefights?|exchang\w* (?:of )?fire|"
             r"gun ?battles?|battl\w*|skirmish\w*|ambush\w*|repel\w*|repuls\w*|engag\w*|"
             r"traded fire|shootout|raid(?:s|ed|ing)?|(?:strike|strikes|hit|hits) back)\b",
}

AGENT_AFTER = re.compile(
    r"\b(?:lost|ceded|surrendered|handed)\b[^.;]{0,80}?\bto\b|"
    r"\b(?:taken|captured|seized|overrun|recaptured|retaken|liberated|regained|stormed|"
    r"wrested)\s+(?:back\s+)?by\b", re.I)


# --------------------------------------------------------------------------------------
# Reports and incidents (events/reports.py, events/incidents.py)

KILLED_GROUP = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|left|claim(?:s|ed|ing)? the lives of)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|"
    r"nearly\s+|almost\s+|about\s+|some\s+|up\s+to\s+|dozens\s+of\s+|scores\s+of\s+|hundreds\s+of\s+|"
    r"several\s+|a\s+number\s+of\s+|[\w,-]+\s+){0,3}?(?P<who>[a-z]+)"
    r"|\b(?P<who2>[a-z]+)\s+(?:were|was|have\s+been|had\s+been|are)?\s*(?:killed|dead|died|slain)\b", re.I)
"""The group killed: the noun after "killing (at least N)" or before "were killed"."""
COMBATANTS = frozenset("""soldiers soldier troops fighters fighter militants militant rebels rebel insurgents
insurgent jihadists jihadist terrorists terrorist gunmen gunman policemen policeman officers officer
personnel militiamen militiaman commanders commander recruits servicemen guards guard mercenaries
members""".split())
CIVILIANS = frozenset("""civilians civilian children child women woman residents villagers passengers
worshippers students workers farmers patients journalists refugees families family pilgrims
shoppers mourners""".split())
OWN_CUES = {
    "AGREEMENT": re.compile(
        r"\b(?:agree[ds]?\b|agreeing|(?:deal|agreement|truce|ceasefire|cease-fire)s?\s+(?:was\s+|were\s+|has\s+been\s+)?"
        r"(?:reached|signed|struck|agreed|brokered|announced)|signed|signing|sign(?:s)?\s+(?:a|an|the)|"
        r"reach(?:ed|es)?\s+(?:a|an)\s+(?:deal|agreement|truce|ceasefire|accord)|broker(?:ed|s)|"
        r"(?:took|takes|went|came|come)\s+(?:into\s+)?(?:effect|force)|accept(?:ed|s)\s+(?:a|the)\s+(?:deal|ceasefire|truce)|"
        r"surrender(?:ed|s)?|swap(?:ped|s)?|exchang(?:ed|e)\s+(?:of\s+)?prisoners|prisoner\s+(?:swap|exchange))", re.I),
    "ARREST": re.compile(r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s|ing)?|detention|rounded\s+up|"
                         r"(?:taken|took)\s+into\s+custody|apprehend(?:ed|s)?)\b", re.I),
    "CHANGE_TO_GROUP_ACT": re.compile(
        r"\b(?:deploy(?:ed|s|ing|ment)|sen[dt]s?\s+(?:\w+\s+)?(?:troops|reinforcements|forces|soldiers)|reinforcements|"
        r"launch(?:ed|es|ing)?\s+(?:a|an|the|its|their)?\s*(?:new\s+|major\s+|ground\s+)?(?:offensive|operation|campaign)|"
        r"merg(?:ed|er|es|ing)|join(?:ed)?\s+forces|(?:new|named\s+a)\s+(?:leader|commander|chief)|appointed|"
        r"curfew|bann?(?:ed|s)\b|impos(?:ed|es)|suspend(?:ed|s)|dissolv(?:ed|es)|pledg(?:ed|es)\s+allegiance|"
        r"withdr(?:ew|awn|awal|aws)|pull(?:ed|s)?\s+(?:out|back)|redeploy\w*|mobili[sz]\w*|state\s+of\s+emergency)", re.I),
    "DISR_WEAP": re.compile(
        r"\b(?:defus\w*|dismantl\w*|intercept\w*|shot\s+down|shoots?\s+down|downed|thwart\w*|foil\w*|"
        r"seiz(?:ed|es|ing)\s+(?:\w+\s+){0,2}(?:weapons|arms|ammunition|explosives|caches?)|(?:weapons|arms)\s+caches?|"
        r"controlled\s+explosion|made\s+safe|clear(?:ed|ing)\s+(?:\w+\s+)?(?:mines|bombs|ieds|explosives))", re.I),
    "HQ_ESTABLISHED": re.compile(
        r"\b(?:set\s+up|establish(?:ed|es|ing)|buil[dt]s?|open(?:ed|s)|construct\w*)\b[^.]{0,60}?"
        r"\b(?:base|headquarters|hq|camp|post|outpost|garrison|command\s+cent(?:re|er))s?\b", re.I),
    "PROPERTY_DISTRUCT": re.compile(
        r"\b(?:loot\w*|torch\w*|demolish\w*|raz(?:ed|es|ing)|ransack\w*|vandali[sz]\w*|"
        r"(?:burn(?:ed|t|ing)?|destroy(?:ed|s|ing)?|set\s+fire\s+to)\s+(?:\w+\s+){0,2}(?:homes?|houses?|shops?|buildings?|"
        r"property|properties|villages?|crops|fields|cars|vehicles|churches|mosques|graves|shrines|markets?))", re.I),
    "NON_VIOL_TERRIT_TRANSFER": re.compile(
        r"\b(?:withdr[ae]w\w*|withdrawal|pull(?:ed|s)?\s+(?:out|back)|hand(?:ed|s)?\s+over|handover|"
        r"without\s+(?:a\s+fight|resistance|fighting|firing)|unopposed|evacuat\w*|abandon\w*)", re.I),
    "MOB_VIOL": re.compile(r"\b(?:mobs?|lynch\w*|vigilantes?|crowds?|rioters?|riot(?:s|ing|ed)?|set\s+upon|"
                           r"communal\s+(?:clash\w*|violence|fighting)|rival\s+(?:groups|supporters|communities|"
                           r"gangs|tribes|clans|factions\s+of\s+supporters))\b", re.I),
    "OTHER": re.compile(r"\b(?:coup|prison\s*break|escaped?\s+from\s+(?:a\s+|the\s+)?(?:jail|prison)|mass\s+graves?|"
                        r"sentenced|court|trial|tribunal)\b", re.I),
    "DIPLO": re.compile(
        r"\b(?:met|meets|meeting\s+(?:with|between)|held\s+talks|talks\s+(?:were\s+|was\s+)?held|visit(?:ed|s|ing)?|"
        r"arriv(?:ed|es)\s+in|impos(?:ed|es|ing)\s+(?:new\s+)?sanctions|sanctions\s+(?:on|against)|expel(?:led|s)|"
        r"recall(?:ed|s)\s+(?:its|the|their)\s+(?:ambassador|envoy)|summon(?:ed|s)|veto(?:ed|es)?|"
        r"vot(?:ed|es)\s+(?:on|for|against)|adopt(?:ed|s)\s+(?:a\s+)?resolution|sever(?:ed|s)|cut\s+(?:diplomatic\s+)?ties|"
        r"restor(?:ed|es)\s+(?:diplomatic\s+)?(?:ties|relations)|signed)\b", re.I),
}
"""Strategic-development and diplomatic types, and mob violence, need their own cue in the
sentence: a sentence that only mentions a camp, a base or a deal ("buses leaving under an
evacuation deal") reports no agreement, no headquarters; "attacks kill 11" names no mob."""
BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|the\s+same|today's|yesterday's|sunday's|monday's|tuesday's|wednesday's|"
    r"thursday's|friday's|saturday's)\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|strikes?|"
    r"airstrikes?|raids?|assaults?|shelling|massacres?|incident|bombardment|offensive|ambush|clashes|fighting)\b",
    re.I)
"""A sentence that refers back to an incident already told ("the attack", "the blast"): it can
be about it even when it names another kind of violence."""
NEW_INCIDENT = re.compile(
    r"^\W*(?:separately|elsewhere|in\s+(?:a\s+)?(?:separate|another|other)\s|"
    r"(?:to|in)\s+the\s+(?:north|south|east|west|northeast|northwest|southeast|southwest)\b|"
    r"further\s+(?:north|south|east|west)\b)", re.I)
"""A sentence that opens with one of these tells another incident ("Separately, 12 civilians
were killed", "To the west, rebels shelled ..."): it joins an incident only at the same place,
or when it refers back to one (``BACK_REFERENCE``). Not "meanwhile": it as often brings another
source on the same incident ("Meanwhile, the Observatory said dozens were killed")."""
ROUND_UP = re.compile(
    r"\b(?:across\s+the\s+country|nationwide|across\s+(?:syria|iraq|yemen)|"
    r"(?:in|on)\s+(?:several|various|a\s+number\s+of|many|multiple)\s+(?:\w+\s+)?(?:towns|villages|areas|"
    r"provinces|regions|cities|districts|neighbou?rhoods)|"
    r"(?:opposition|rebel|government)-held\s+(?:towns|areas|villages)\s+across)\b", re.I)
"""A round-up: one sentence that sums up attacks in many places ("air strikes on towns across
the country killed 32"). It is its own incident: a toll of one town is not part of it, and it
is not part of one town's incident."""
SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
"""Right before a date: the date starts a state ("held since July"), it does not date the report."""
