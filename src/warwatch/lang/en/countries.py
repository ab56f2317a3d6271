"""Names of countries, continents and nationalities: demonyms, short names, abbreviations.

Keys are ``normalize.fold``-ed (lower case, punctuation as spaces: "u s"). Read when the
gazetteer is built (its alternate names; ``nlp/normalize.py`` hands these tables to the
build) and by ``normalize.demonym_country``.
"""

from __future__ import annotations

# Demonyms and adjectives of nationality -> ISO 3166 alpha-2. Written for warwatch; the
# gazetteer adds the demonyms countryinfo ships for other countries at build time.
DEMONYMS: dict[str, str] = {
    "iraqi": "IQ", "iraqis": "IQ", "syrian": "SY", "syrians": "SY", "turkish": "TR",
    "turk": "TR", "turks": "TR", "turkiye": "TR", "american": "US", "americans": "US",
    "u s": "US", "us": "US", "russian": "RU", "russians": "RU", "iranian": "IR",
    "iranians": "IR", "persian": "IR", "israeli": "IL", "israelis": "IL",
    "lebanese": "LB", "jordanian": "JO", "jordanians": "JO", "saudi": "SA",
    "saudis": "SA", "egyptian": "EG", "egyptians": "EG", "libyan": "LY", "libyans": "LY",
    "yemeni": "YE", "yemenis": "YE", "afghan": "AF", "afghans": "AF", "pakistani": "PK",
    "pakistanis": "PK", "indian": "IN", "indians": "IN", "chinese": "CN",
    "british": "GB", "briton": "GB", "britons": "GB", "english": "GB", "scottish": "GB",
    "welsh": "GB", "french": "FR", "german": "DE", "germans": "DE", "italian": "IT",
    "italians": "IT", "spanish": "ES", "dutch": "NL", "belgian": "BE", "swiss": "CH",
    "austrian": "AT", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "polish": "PL", "ukrainian": "UA", "ukrainians": "UA", "belarusian": "BY",
    "georgian": "GE", "armenian": "AM", "armenians": "AM", "azerbaijani": "AZ",
    "azeri": "AZ", "greek": "GR", "greeks": "GR", "cypriot": "CY", "qatari": "QA",
    "emirati": "AE", "kuwaiti": "KW", "bahraini": "BH", "omani": "OM", "sudanese": "SD",
    "somali": "SO", "ethiopian": "ET", "eritrean": "ER", "nigerian": "NG",
    "malian": "ML", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA",
    "philippine": "PH", "canadian": "CA", "canadians": "CA", "mexican": "MX", "australian": "AU",
    "japanese": "JP", "korean": "KR", "north korean": "KP", "south korean": "KR",
    "palestinian": "PS", "palestinians": "PS", "irish": "IE", "serbian": "RS",
    "croatian": "HR", "bosnian": "BA", "kosovar": "XK", "albanian": "AL",
    "hungarian": "HU", "czech": "CZ", "slovak": "SK", "romanian": "RO",
    "bulgarian": "BG", "portuguese": "PT", "brazilian": "BR", "argentine": "AR",
    "venezuelan": "VE", "colombian": "CO", "cuban": "CU", "filipino": "PH",
    "indonesian": "ID", "malaysian": "MY", "thai": "TH", "vietnamese": "VN",
    "burmese": "MM", "bangladeshi": "BD", "sri lankan": "LK", "nepalese": "NP",
    "kazakh": "KZ", "uzbek": "UZ", "tajik": "TJ", "turkmen": "TM", "kyrgyz": "KG",
    "chadian": "TD", "nigerien": "NE", "congolese": "CD", "kenyan": "KE",
    "ugandan": "UG", "rwandan": "RW", "south african": "ZA", "new zealander": "NZ",
}

# Demonyms of continents: "@" + GeoNames continent code.
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "@EU", "europeans": "@EU", "african": "@AF", "africans": "@AF",
    "asian": "@AS", "asians": "@AS", "north american": "@NA", "south american": "@SA",
    "latin american": "@SA", "oceanian": "@OC",
}

# Groups that are not one country: a demonym for them resolves to nothing.
NOT_COUNTRY_DEMONYMS = frozenset(
    "kurdish kurd kurds arab arabs arabic sunni sunnis shia shiite shiites shi ite alawite "
    "middle eastern western eastern northern southern central "
    "alawites druze yazidi yazidis yezidi assyrian assyrians christian christians muslim "
    "muslims jewish jews jew islamic islamist islamists jihadist jihadists turkmens "
    "turkoman turkomen circassian "
    "latino latinos hispanic arabian bedouin pashtun "
    "baloch hazara tamil uighur uyghur catholic protestant orthodox "
    "republican republicans democrat democrats".split())

# Country short names and abbreviations GeoNames' English names lack.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "america": "US",
    "united states of america": "US", "the united states": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "dprk": "KP", "prc": "CN", "ksa": "SA", "rok": "KR",
    "russian federation": "RU", "turkiye": "TR", "holland": "NL", "the netherlands": "NL",
    "ivory coast": "CI", "burma": "MM", "persia": "IR", "uae": "AE",
    "drc": "CD", "dr congo": "CD", "czech republic": "CZ", "czechia": "CZ",
    "south korea": "KR", "north korea": "KP", "vatican": "VA", "syrian arab republic": "SY",
    "palestine": "PS", "palestinian territories": "PS", "kosovo": "XK",
}

# The European Union has no point of its own in the packaged data: it is mapped to Europe.
CONTINENT_ALIASES: dict[str, list[str]] = {
    "EU": ["European Union", "the European Union", "EU", "E.U."],
}

# Newspaper (AP style) abbreviations of US states and Canadian provinces -> admin1 name.
ADMIN1_ABBREVIATIONS: dict[str, dict[str, list[str]]] = {
    "US": {
        "Alabama": ["Ala."], "Arizona": ["Ariz."], "Arkansas": ["Ark."], "California": ["Calif.", "Cal."],
        "Colorado": ["Colo."], "Connecticut": ["Conn."], "Delaware": ["Del."], "Florida": ["Fla."],
        "Georgia": ["Ga."], "Illinois": ["Ill."], "Indiana": ["Ind."], "Kansas": ["Kan.", "Kans."],
        "Kentucky": ["Ky."], "Louisiana": ["La."], "Maryland": ["Md."], "Massachusetts": ["Mass."],
        "Michigan": ["Mich."], "Minnesota": ["Minn."], "Mississippi": ["Miss."], "Missouri": ["Mo."],
        "Montana": ["Mont."], "Nebraska": ["Neb.", "Nebr."], "Nevada": ["Nev."],
        "New Hampshire": ["N.H."], "New Jersey": ["N.J."], "New Mexico": ["N.M.", "N.Mex."],
        "New York": ["N.Y."], "North Carolina": ["N.C."], "North Dakota": ["N.D.", "N.Dak."],
        "Oklahoma": ["Okla."], "Oregon": ["Ore.", "Oreg."], "Pennsylvania": ["Pa.", "Penn."],
        "Rhode Island": ["R.I."], "South Carolina": ["S.C."], "South Dakota": ["S.D.", "S.Dak."],
        "Tennessee": ["Tenn."], "Texas": ["Tex."], "Vermont": ["Vt."], "Virginia": ["Va."],
        "Washington": ["Wash."], "West Virginia": ["W.Va.", "W. Va.", "W.V."],
        "Wisconsin": ["Wis.", "Wisc."], "Wyoming": ["Wyo."],
    },
    "CA": {
        "Alberta": ["Alta."], "British Columbia": ["B.C.", "BC"], "Manitoba": ["Man."],
        "New Brunswick": ["N.B."], "Newfoundland and Labrador": ["Nfld.", "N.L.", "Newfoundland"],
        "Nova Scotia": ["N.S."], "Ontario": ["Ont."], "Prince Edward Island": ["P.E.I."],
        "Quebec": ["Que.", "Qué."], "Saskatchewan": ["Sask."],
    },
}

ARTICLE = "the "
"""Dropped from the start of a folded demonym ("the Iraqi")."""
