"""Page furniture around an article copied as plain text: the dateline and byline before the
headline, the share and view counters, the credits after the last paragraph (``extract/
datelines.py``). Shapes of furniture, never sentences of an article."""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday)?\.?,?"
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
DATE = (rf"(?:(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}"            # Wed 05 Apr 2017, 12 February 2015
        rf"|(?:{_WEEKDAY}\s+)?{_MONTH}\s+(?:[0-3]\d(?={_YEAR})|{_DAY},?\s+){_YEAR}"   # April 5 2017, Aug 012016
        rf"|[0-3]?\d[./-][01]?\d[./-]{_YEAR})")                            # 24.08.2013, 15-09-2013 (day first)
TIME = r"(?:\s*(?:at\s+)?[0-2]?\d[:.h]?[0-5]\d(?:\s*(?:GMT|UTC(?:\s*[+-]\s*\d{1,2})?|KSA|[AP]M))?)"
LEAD = re.compile(
    rf"^\s*(?:[A-Z]{{2,8}}\s+(?=(?:{_WEEKDAY}|{_MONTH}|\d)))?"      # an agency before the date: "AFP Tuesday 23 Sep 2014"
    rf"(?:(?:published|posted(?:\s+on)?|first\s+published|last\s+updated(?:\s+at)?|updated|"
    rf"date\s+of\s+publication)\s*:?\s*)?(?P<date>{DATE}){TIME}?"
    r"(?:\s*(?:get\s+short\s+url)(?:\s+\d+){0,4})?\s*", re.IGNORECASE)
"""A dateline that opens the text ("Wed 05 Apr 2017", "Published July 5 2015", "Last updated at
Aug 012016", "24.08.2013Get short URL 0 0 0")."""
SHORT_URL_LEAD = re.compile(
    r"(?:^|(?<=[.!?\"”’]\s))\s*\)?\s*(?:\(?\s*(?:updated\s+)?[0-2]?\d[:.]?[0-5]\d\s+[0-3]?\d[./-][01]?\d[./-](?:19|20)\d{2}\s*\)?\s*)?"
    r"get\s+short\s+url(?:\s+topic\s+[^()\n]{3,120}\(\d+\))?(?:\s+\d+){0,4}\s*", re.IGNORECASE)
"""A share widget before the first sentence: "(updated 1041 19.04.2017) Get short URL 0 73",
"Get short URL Topic <a topic's title> (61) 112010"."""
TAGS_AT = re.compile(r"(?:^|(?<=\s))Tags\s+(?=[A-Z])")
"""A page's tag list flattened into the text, at its start or after a sentence ("... to spying.
Tags Syria Islamic State activists Palmyra The Islamic State group ...")."""
FIRST_SENTENCE = re.compile(
    r"\b(?:At\s+least|More\s+than|Nearly|Dozens|Hundreds|Scores|Thousands|One|Two|Three|Four|Five|Six|Seven|"
    r"Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|"
    r"Forty|Fifty|Sixty|Seventy|Eighty|Ninety|\d+)\s+(?=[a-z\d])|\b(?:A|An|The)\s+(?:[A-Z][\w'’-]*\s+){0,3}(?=[a-z])")
"""Where a lead sentence starts after a tag list: a number or a count before a lower-case word
("At least 10", "Three women"), or an article before one ("A double suicide bomb attack", "An
Israeli airstrike")."""
TAGS_END = re.compile(r"\s+Tags(?:\s+[^\s.!?]+){1,40}\s*$")
"""A tag list after the last sentence."""
SHARE_LEAD = re.compile(r"^\s*(?:send\s+\S+\s+)?(?:[A-Z]{2,8}\s+photo\s+)", re.IGNORECASE)
"""A share button's link and a photo credit before the first sentence ("SEND <short link> DHA Photo")."""
DATE_IN = re.compile(rf"(?P<date>{DATE})", re.IGNORECASE)
BYLINE_IN = re.compile(r"\bby\s+(?P<name>[A-Z][\w'’-]+(?:\s+(?:and\s+)?[A-Z][\w'’-]+){0,7})")
"""A byline inside the furniture before a known headline ("Posted on April 2 2017 by ...")."""
UPDATED_WORDS = re.compile(r"\b(?:last\s+)?updated\b", re.IGNORECASE)
AGENCY_AFTER_DATE = re.compile(r"^(?P<agency>[A-Z]{2,8})\s+(?=[A-Z])")
"""An agency's name in capitals between a dateline and the first sentence ("... 2016 SANA Members of ...")."""
CREDITS = (
    re.compile(r"\s*(?:--|—|–)\s*(?:[A-Z][A-Za-z]+|[A-Z]{2,6})\s*$"),                     # --Reuters
    re.compile(r"\s*\(\s*(?:source|with)\s*:?\s*[^()]{1,60}\)\s*(?:twitter|facebook)?\s*$", re.IGNORECASE),
    re.compile(r"\s*source\s*:?\s*(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s*$"),         # Source Reuters
    re.compile(r"\s*(?:additional\s+)?reporting\s+by\s+[^.]{0,200}(?:editing\s+by\s+[^.]{0,120})?"
               r"(?:\s*our\s+standards\s*:.*)?\.?\s*$", re.IGNORECASE),
    re.compile(r"\s*our\s+standards\s*:.{0,80}$", re.IGNORECASE),
    re.compile(r"\s*last\s+update\s*:.{0,120}$", re.IGNORECASE),
    re.compile(r"\s*(?:tags\b.{0,400})?community\s+standards\s*discussion.{0,120}$", re.IGNORECASE),
    re.compile(r"\s*(?:get\s+short\s+url|print|tweet|views|share)(?:\s+(?:get\s+short\s+url|print|tweet|views|"
               r"share|\d+))*\s*$", re.IGNORECASE),
)
"""Credits and footers after the last sentence: "--Reuters", "(Source: X)", "(With Reuters)",
"Reporting by A; Editing by B", "Our Standards: ...", "Last Update: ...", comment boxes, share bars."""
FOOTER_RUN = re.compile(r"\s*(?:(?:about|contact|careers|press\s+releases|legal|terms\s+of\s+use|privacy\s+policy|"
                        r"cookie\s+policy|corporate|documentary|partner\s+hotels|satellite\s+coverage|youtube|"
                        r"advertise|sitemap|rss)\b[\w\s]{0,30}?){3,}$", re.IGNORECASE)
"""A site footer's run of link labels flattened onto the last paragraph."""
WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:\s*/\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})*"   # BEIRUT, WASHINGTON/ANKARA
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"                                             # , Syria
    rf"(?:,\s*(?:{_WEEKDAY}\s+)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}|{_WEEKDAY})(?:,?\s+{_YEAR})?)?"   # , March 14
    r"\s*(?:\([^()\n]{2,40}\)\s*)?(?:[—–]|--?)\s*")
"""A wire dateline opening a paragraph ("BEIRUT, March 14 (Newswire) - ", "DAMASCUS, Syria (AP) —"):
it belongs to the first sentence, which the parser would otherwise split after the dash."""
