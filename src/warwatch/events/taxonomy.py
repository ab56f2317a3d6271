"""The event-type taxonomy: the 30 codes of CASE 2021 Task 2 (ACLED's 25 sub-event types plus
five non-ACLED types), each with a one-line definition and its ACLED names.

Definitions are written for warwatch from the ACLED codebook's categories and the CASE 2021
task description; they are what a human annotator (and ``docs/events.md``) reads.
``ACLED_SUB_EVENT_TO_CODE`` maps an ACLED export's ``sub_event_type`` to our code (used by
``train_from_acled`` and, later, by the CSV export in the other direction).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    definition: str
    acled_event_type: str | None
    """ACLED ``event_type`` (None for the five CASE 2021 types ACLED does not code)."""
    acled_sub_event_type: str | None


_T = EventType
TYPES: tuple[EventType, ...] = (
    # Battles
    _T("ARMED_CLASH", "Armed, organised groups fight each other; neither side clearly gains or loses "
       "territory.", "Battles", "Armed clash"),
    _T("GOV_REGAINS_TERIT", "State forces (or their allies on their behalf) win back territory held by a "
       "non-state group through fighting.", "Battles", "Government regains territory"),
    _T("NON_STATE_ACTOR_OVERTAKES_TER", "A non-state armed group (rebels, militia, jihadists) takes "
       "territory from the state or from another non-state group through fighting.",
       "Battles", "Non-state actor overtakes territory"),
    # Explosions / remote violence
    _T("AIR_STRIKE", "An attack from the air: warplanes, helicopters or drones bomb or fire on a "
       "target.", "Explosions/Remote violence", "Air/drone strike"),
    _T("ART_MISS_ATTACK", "Shelling, artillery, mortar, rocket or missile fire from a distance on "
       "a target.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    _T("REM_EXPLOS", "A remotely detonated or planted explosive goes off: roadside bomb/IED, car "
       "bomb (no suicide attacker), landmine, unexploded ordnance.",
       "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    _T("GRENADE", "A grenade is thrown or lobbed at people or property.",
       "Explosions/Remote violence", "Grenade"),
    _T("SUIC_BOMB", "An attacker detonates explosives on his or her body or in a vehicle he or she "
       "drives, dying in the blast.", "Explosions/Remote violence", "Suicide bomb"),
    _T("CHEM_WEAP", "Chemical weapons (chlorine, sarin, mustard or other toxic agents) are used in "
       "an attack.", "Explosions/Remote violence", "Chemical weapon"),
    # Violence against civilians
    _T("ATTACK", "An armed group or state force attacks unarmed civilians (shooting, killing, "
       "beating, massacre) without a battle.", "Violence against civilians", "Attack"),
    _T("SEX_VIOL", "Rape or other sexual violence against civilians by an armed or state actor.",
       "Violence against civilians", "Sexual violence"),
    _T("ABDUCT_DISSAP", "People are kidnapped, taken hostage or forcibly disappeared.",
       "Violence against civilians", "Abduction/forced disappearance"),
    # Protests
    _T("PEACE_PROTEST", "A non-violent demonstration, march, rally, sit-in or strike with no "
       "intervention by the authorities.", "Protests", "Peaceful protest"),
    _T("PROTEST_WITH_INTER", "A peaceful protest that the authorities disperse or break up (tear "
       "gas, water cannon, arrests) without serious injuries.", "Protests",
       "Protest with intervention"),
    _T("FORCE_AGAINST_PROTEST", "Excessive force against peaceful protesters: live fire, lethal or "
       "serious injuries.", "Protests", "Excessive force against protesters"),
    # Riots
    _T("VIOL_DEMONSTR", "Demonstrators themselves turn violent: stone-throwing, arson, vandalism, "
       "clashes with police.", "Riots", "Violent demonstration"),
    _T("MOB_VIOL", "A mob attacks people or another group outside any protest: lynching, "
       "communal or rival-crowd violence.", "Riots", "Mob violence"),
    # Strategic developments
    _T("AGREEMENT", "Parties reach or sign an agreement: ceasefire, peace deal, truce, prisoner "
       "exchange, surrender or evacuation deal.", "Strategic developments", "Agreement"),
    _T("ARREST", "State forces arrest or detain people (suspects, opponents, journalists).",
       "Strategic developments", "Arrests"),
    _T("CHANGE_TO_GROUP_ACT", "A group changes how or where it operates: deployments, new "
       "operations, mergers, new leaders, curfews, bans, withdrawals of forces.",
       "Strategic developments", "Change to group/activity"),
    _T("DISR_WEAP", "Weapon use is prevented: bombs defused, caches seized, missiles or drones "
       "intercepted, plots foiled.", "Strategic developments", "Disrupted weapons use"),
    _T("HQ_ESTABLISHED", "A group sets up a headquarters, base, camp or permanent post.",
       "Strategic developments", "Headquarters or base established"),
    _T("PROPERTY_DISTRUCT", "Property is looted, burned, demolished or vandalised, without attacks "
       "on people.", "Strategic developments", "Looting/property destruction"),
    _T("NON_VIOL_TERRIT_TRANSFER", "Territory changes hands without fighting: a withdrawal, "
       "handover or unopposed entry.", "Strategic developments",
       "Non-violent transfer of territory"),
    _T("OTHER", "A significant conflict-related development that fits no other type (coup, "
       "prison break, mass grave found, court sentence).", "Strategic developments", "Other"),
    # CASE 2021 additions outside ACLED
    _T("ORG_CRIME", "Organised crime: drug, arms or human trafficking, smuggling, extortion, "
       "money laundering by criminal networks.", None, None),
    _T("NATURAL_DISASTER", "A natural hazard strikes: earthquake, flood, storm, landslide, "
       "drought, wildfire, epidemic.", None, None),
    _T("MAN_MADE_DISASTER", "An accident caused by people or technology: industrial explosion, "
       "fire, building or dam collapse, crash, shipwreck, spill.", None, None),
    _T("ATTRIB", "Responsibility for an event is claimed, attributed or denied.", None, None),
    _T("DIPLO", "Diplomatic activity: talks, visits, statements, condemnations, sanctions, "
       "recalls or expulsions of diplomats.", None, None),
)

TAXONOMY: dict[str, EventType] = {t.code: t for t in TYPES}
CODES: tuple[str, ...] = tuple(TAXONOMY)

NONE = "NONE"
"""Training label for sentences that report no event (detection gate only)."""

ACLED_SUB_EVENT_TO_CODE: dict[str, str] = {
    t.acled_sub_event_type.lower(): t.code for t in TYPES if t.acled_sub_event_type
}
# Older and variant spellings seen in ACLED exports over the years.
ACLED_SUB_EVENT_TO_CODE.update({
    "air/drone strike": "AIR_STRIKE",
    "shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "remote explosive/landmine/ied": "REM_EXPLOS",
    "suicide bomb": "SUIC_BOMB",
    "excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "abduction/forced disappearance": "ABDUCT_DISSAP",
    "looting/property destruction": "PROPERTY_DISTRUCT",
    "headquarters or base established": "HQ_ESTABLISHED",
    "non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "change to group/activity": "CHANGE_TO_GROUP_ACT",
    "disrupted weapons use": "DISR_WEAP",
    "arrests": "ARREST",
    "arrest": "ARREST",
    "grenade": "GRENADE",
    "chemical weapon": "CHEM_WEAP",
    "sexual violence": "SEX_VIOL",
    "attack": "ATTACK",
    "armed clash": "ARMED_CLASH",
    "government regains territory": "GOV_REGAINS_TERIT",
    "non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "peaceful protest": "PEACE_PROTEST",
    "protest with intervention": "PROTEST_WITH_INTER",
    "violent demonstration": "VIOL_DEMONSTR",
    "mob violence": "MOB_VIOL",
    "agreement": "AGREEMENT",
    "other": "OTHER",
})


def acled_code(sub_event_type: str | None) -> str | None:
    """Our code for an ACLED ``sub_event_type`` (case and spacing insensitive), else None."""
    if not sub_event_type:
        return None
    key = " ".join(sub_event_type.strip().lower().split())
    return ACLED_SUB_EVENT_TO_CODE.get(key)


def definition(code: str) -> str:
    return TAXONOMY[code].definition
