"""Every rate and mix the demo authority is built from, at scale 1.0 (a London-like borough of ~97,000 children).

Magnitudes follow the seed booklets (a 2019 outer-London borough) and the borough whose DfE code the demo
borrows: ~1,300 contacts and ~280 referrals a month, ~1,800 children in need, ~225 on CP plans, ~350 in care
of whom ~60 UASC, ~300 care leavers aged 18-21. The probabilities below are the branching rates of a child's
journey; `tests/demo` checks the results, and holds every benchmarked rate to within half and twice
England's.
"""

from __future__ import annotations

# The tables stay compact, several entries a line:
# fmt: off

POPULATION_0_17 = 97_000

# --- Front door -------------------------------------------------------------------------------------------
CONTACTS_PER_MONTH = 1_300
# Calendar-month factors: August and the Christmas fortnight dip, autumn term and March peak.
# Contacts (and so referrals) fall at Easter, in August and over Christmas, when schools are closed, and recover
# after, as at every authority's front door: these month-on-month jumps are made on purpose
# (tests/demo/test_demo_plausibility.py allows them, and only them, for the contact-driven counts).
SCHOOL_HOLIDAY_MONTHS = (4, 8, 9, 12, 1)
CONTACT_SEASON = {
    1: 1.0, 2: 1.03, 3: 1.1, 4: 0.93, 5: 1.02, 6: 1.05, 7: 1.0, 8: 0.76, 9: 1.08, 10: 1.12, 11: 1.12, 12: 0.9,
}
CONTACT_OUTCOME = {
    "Referral to social care": 0.215, "Early help": 0.1, "NFA / information and advice": 0.545, "Signposting": 0.14,
}
SOURCE_MIX = {  # DfE referral source codes
    "6": 0.25, "2A": 0.19, "2B": 0.02, "3A": 0.03, "3B": 0.04, "3C": 0.02, "3D": 0.02, "3E": 0.03, "3F": 0.02,
    "5A": 0.03, "5B": 0.03, "5C": 0.02, "5D": 0.03, "1A": 0.07, "1B": 0.01, "1C": 0.02, "1D": 0.01, "4": 0.04,
    "7": 0.03, "8": 0.03, "9": 0.01, "10": 0.01,
}
UASC_SOURCES = {"6": 0.4, "5C": 0.35, "8": 0.25}
UASC_PER_MONTH = 3.1  # new unaccompanied children (spontaneous arrivals and national transfer scheme)
# Hours from receipt to MASH decision: most the same day, a tail of backlog.
DECISION_HOURS = [(0.66, 0.3, 5.0), (0.22, 5.0, 20.0), (0.09, 24.0, 72.0), (0.03, 72.0, 150.0)]
BRAG_MIX = {"Red": 0.10, "Amber": 0.30, "Green": 0.45, "Blue": 0.15}
BRAG_MIX_REFERRAL = {"Red": 0.32, "Amber": 0.48, "Green": 0.18, "Blue": 0.02}
BRAG_CHANGED = 0.18  # the final rating differs from the initial one

# Who the non-referral contacts are about: a child already known to social care, a repeat contact-only child.
CONTACT_ABOUT_KNOWN_CHILD = 0.22
CONTACT_REPEAT = 0.25

# --- Referrals and re-referrals ----------------------------------------------------------------------------
RE_REFERRAL_PICK = 0.205  # a referral goes to a child referred in the last 12 months, if one is free
OLD_CHILD_PICK = 0.08  # ... or to a child referred longer ago
REFERRAL_NFA = 0.09  # England 6.5%, outer London 7.7% (2024-25)
# Age on referral for children new to the service.
REFERRAL_AGES = [(0.06, 0.0, 1.0), (0.17, 1.0, 5.0), (0.26, 5.0, 10.0), (0.39, 10.0, 16.0), (0.12, 16.0, 17.5)]
CP_AGES = [(0.19, 0.0, 1.0), (0.27, 1.0, 6.0), (0.27, 6.0, 11.0), (0.22, 11.0, 16.0), (0.05, 16.0, 17.3)]
CARE_AGES = [(0.18, 0.0, 1.0), (0.12, 1.0, 5.0), (0.14, 5.0, 10.0), (0.38, 10.0, 16.0), (0.18, 16.0, 17.5)]
UASC_AGES = [(0.08, 13.0, 15.0), (0.22, 15.0, 16.0), (0.70, 16.0, 17.6)]
UNBORN_SHARE = 0.03  # of late-window referrals, still unborn at the extract date

# --- Assessments, S47, ICPC ---------------------------------------------------------------------------------
ASSESSMENT_START_LAG = {0: 0.55, 1: 0.25, 2: 0.10, 3: 0.06, 5: 0.04}  # working days after referral
ASSESSMENT_WORKING_DAYS = [(0.50, 1, 26), (0.20, 26, 41), (0.15, 41, 46), (0.11, 46, 70), (0.04, 70, 110)]
CHILD_SEEN = 0.975
S47_OF_ASSESSED = 0.28
S47_LAG_WORKING_DAYS = {0: 0.45, 1: 0.2, 2: 0.12, 3: 0.08, 5: 0.08, 10: 0.07}
S47_CONCLUDES_WORKING_DAYS = 5  # after the strategy discussion: whether a conference is needed is known then
ICPC_OF_S47 = 0.37
ICPC_WORKING_DAYS = [(0.86, 6, 16), (0.14, 16, 30)]  # after the strategy discussion, so after the enquiry concludes
PLAN_OF_ICPC = 0.88

# --- Child protection plans ---------------------------------------------------------------------------------
# About 2% of plans open at a time have run two years or more (England 2.3% of those open at 31 March 2025).
CP_DAYS = [(0.30, 80, 180), (0.44, 180, 365), (0.18, 365, 540), (0.045, 540, 730), (0.035, 730, 1100)]
CP_CATEGORY = {"Neglect": 0.45, "Emotional": 0.35, "Physical": 0.08, "Sexual": 0.04, "Multiple": 0.08}
CP_CATEGORY_CHANGED = 0.07
CP_NEXT = {"cin": 0.47, "care": 0.10, "closed": 0.43}
CP_PRIOR_PLANS_NEW_CHILD = {0: 0.76, 1: 0.19, 2: 0.05}  # plans before the simulated history began
CP_EPO = 0.03

# --- Children in need plans ---------------------------------------------------------------------------------
# Children in need at a time about 200 per 10,000 (the borough whose code the demo borrows: 211 in 2024-25;
# England 330): half the assessed stay on a plan, many of them (disabled children) for years.
CIN_OF_ASSESSED = 0.5
CIN_DAYS = [(0.22, 60, 180), (0.30, 180, 365), (0.25, 365, 730), (0.23, 730, 1460)]
CIN_TO_CARE = 0.04
PRIMARY_NEED = {
    "N1": 0.55, "N2": 0.05, "N3": 0.06, "N4": 0.11, "N5": 0.15, "N6": 0.04, "N7": 0.01, "N8": 0.025, "N0": 0.005,
}
CIN_CLOSURE = {"RC7": 0.70, "RC9": 0.13, "RC5": 0.07, "RC3": 0.04, "RC4": 0.03, "RC8": 0.03}

# --- Children in care ---------------------------------------------------------------------------------------
CARE_OF_ASSESSED = 0.052  # entering care during an assessment (emergency or accommodation)
RE_ENTRY = 0.14  # a child returned home comes back into care within a year
# Route by age band on entry: how the episode is likely to end.
ROUTES_BY_AGE = {
    0: {"adoption": 0.19, "sgo": 0.1, "court_return": 0.25, "long_term": 0.13, "short": 0.33},
    2: {"adoption": 0.08, "sgo": 0.11, "court_return": 0.28, "long_term": 0.18, "short": 0.35},
    5: {"adoption": 0.02, "sgo": 0.08, "court_return": 0.28, "long_term": 0.27, "short": 0.35},
    11: {"sgo": 0.03, "court_return": 0.18, "long_term": 0.19, "short": 0.56, "remand": 0.04},
    16: {"long_term": 0.35, "short": 0.59, "remand": 0.06},
}
SHORT_DAYS = [(0.45, 2, 45), (0.35, 45, 150), (0.20, 150, 330)]
COURT_RETURN_DAYS = [(1.0, 150, 600)]
SGO_DAYS = [(1.0, 240, 820)]
LONG_TERM_YOUNG_DAYS = [(0.6, 600, 1500), (0.4, 1500, 4000)]  # under-11s: many stay until 18
REMAND_DAYS = [(1.0, 10, 100)]
UASC_EARLY_EXIT = {"E15": 0.04, "E8": 0.03, "E3": 0.02}  # otherwise they stay until 18
AGED_OUT_REASON = {"E5": 0.45, "E8": 0.18, "E17": 0.16, "E6": 0.11, "E7": 0.03, "E3": 0.04, "E9": 0.01, "E16": 0.02}
SHORT_REASON = {"E13": 0.84, "E41": 0.05, "E3": 0.04, "E16": 0.02, "E8": 0.05}
COURT_RETURN_REASON = {"E13": 0.70, "E41": 0.25, "E8": 0.05}
SGO_REASON = {"E45": 0.25, "E46": 0.15, "E47": 0.35, "E48": 0.25}
LONG_TERM_REASON = {"E41": 0.3, "E45": 0.2, "E13": 0.35, "E8": 0.15}  # young long stays that end before 18
REMAND_REASON = {"E14": 0.75, "E9": 0.15, "E13": 0.10}
FIRST_LEGAL_STATUS = {"C1": 0.45, "V2": 0.35, "L1": 0.12, "L2": 0.08}
ICO_TO_CARE_ORDER_DAYS = (120, 270)  # interim care order to final order (the 26-week target, often exceeded)
TEEN_LONG_TERM_S20 = 0.35  # teenagers in long-term care under section 20 rather than a care order
# Working days from coming into care to the initial health assessment: most within the 20 allowed. On the 15 or
# so children a month whose assessment falls due, a lower share would swing by 40 points month to month.
IHA_WORKING_DAYS = [(0.9, 3, 21), (0.1, 21, 45)]
CARE_CATEGORY = {"N1": 0.62, "N2": 0.04, "N3": 0.03, "N4": 0.08, "N5": 0.10, "N6": 0.02, "N7": 0.005, "N8": 0.105}
# Placement moves a year after the first placement, by age band; a minority of teenagers move far more.
MOVES_PER_YEAR = {0: 0.2, 5: 0.3, 11: 0.55, 16: 0.7}
UNSTABLE_TEEN = 0.09
UNSTABLE_MOVES_PER_YEAR = 3.5
EMERGENCY_FIRST_PLACEMENT = 0.25
IN_BOROUGH = {
    "U1": 0.7, "U2": 0.6, "U3": 0.7, "U4": 0.5, "U5": 0.5, "U6": 0.5, "K2": 0.2, "K1": 0.0, "H5": 0.5, "P1": 0.8,
    "R1": 0.2, "R3": 0.3, "R5": 0.0, "S1": 0.1, "A3": 0.3, "A4": 0.3, "A5": 0.3, "A6": 0.2, "Z1": 0.5,
}
PROVIDER = {
    "U1": {"PR1": 1.0},
    "U2": {"PR1": 1.0},
    "U3": {"PR1": 1.0},
    "U4": {"PR1": 0.6, "PR4": 0.4},
    "U5": {"PR1": 0.7, "PR5": 0.3},
    "U6": {"PR1": 0.55, "PR4": 0.45},
    "K1": {"PR2": 0.6, "PR3": 0.4},
    "K2": {"PR4": 0.85, "PR1": 0.15},
    "H5": {"PR4": 0.7, "PR5": 0.3},
    "P1": {"PR0": 1.0},
    "R1": {"PR4": 1.0},
    "R3": {"PR4": 0.6, "PR5": 0.4},
    "R5": {"PR3": 1.0},
    "S1": {"PR4": 1.0},
    "A3": {"PR1": 0.6, "PR5": 0.4},
    "A4": {"PR1": 0.6, "PR5": 0.4},
    "A5": {"PR1": 0.6, "PR2": 0.4},
    "A6": {"PR1": 0.5, "PR2": 0.3, "PR5": 0.2},
    "Z1": {"PR4": 1.0},
}
OTHER_LAS = ("Eastmere", "Westford", "Southvale", "Harrowgate Vale", "Kingsmead", "Ashcombe", "Brightwell", "Fernley")

# --- Adoption -----------------------------------------------------------------------------------------------
ADOPTION_STEPS_DAYS = {  # days after the previous step
    "decision": (110, 300), "placement_order": (20, 160), "matched": (25, 240), "placed": (7, 35),
    "order": (120, 320),
}
ADOPTION_REVERSED = 0.08
FFA = 0.10
ADOPTER_FAMILIES_PER_MONTH = 5.5

# --- Care leavers -------------------------------------------------------------------------------------------
STILL_SERVED = {18: 0.99, 19: 0.98, 20: 0.97, 21: 0.92, 22: 0.22, 23: 0.16, 24: 0.10}
ACTIVITY = {
    "F1": 0.08, "P1": 0.01, "F2": 0.22, "P2": 0.04, "F4": 0.04, "P4": 0.01, "F5": 0.14, "P5": 0.06, "G4": 0.07,
    "G5": 0.24, "G6": 0.05, "0": 0.04,
}
ACCOMMODATION = {
    "U": 0.44, "D": 0.17, "Z": 0.07, "B": 0.07, "E": 0.03, "T": 0.04, "C": 0.02, "K": 0.02, "S": 0.01, "V": 0.01,
    "W": 0.005, "X": 0.01, "R": 0.01, "Y": 0.05, "G": 0.005,
}
UNSUITABLE_TYPES = ("S", "V", "W", "X", "R")
UNSUITABLE_OTHERWISE = 0.05
IN_TOUCH = {"YES": 0.90, "NO": 0.05, "REFU": 0.025, "NREQ": 0.015, "RHOM": 0.01}
# Of the contacts with care leavers, the visits; the rest are calls and messages (a latest contact, not a visit).
CARE_LEAVER_CONTACT_IN_PERSON = 0.8

# --- Early help ---------------------------------------------------------------------------------------------
EHA_FROM_CONTACT = 0.8
EHA_DIRECT_PER_MONTH = 66
EHA_DAYS = [(0.45, 30, 100), (0.25, 100, 190), (0.15, 190, 280), (0.10, 280, 400), (0.05, 400, 700)]
EHA_ORGANISATIONS = {
    "School": 0.32, "Health visiting": 0.1, "Children's centre": 0.08, "Voluntary sector": 0.06,
    "Youth service": 0.04,
}
EHA_BY_TEAM = 0.40  # the share led by the early help teams themselves; the rest by the organisations above

# --- People -------------------------------------------------------------------------------------------------
GENDER = {"Male": 0.512, "Female": 0.484, "Indeterminate": 0.002, "Unknown": 0.002}
ETHNICITY = {
    "WBRI": 0.3, "WIRI": 0.01, "WIRT": 0.003, "WOTH": 0.14, "WROM": 0.01, "MWBC": 0.04, "MWBA": 0.02, "MWAS": 0.02,
    "MOTH": 0.04, "AIND": 0.05, "APKN": 0.03, "ABAN": 0.03, "AOTH": 0.06, "BCRB": 0.05, "BAFR": 0.09, "BOTH": 0.03,
    "CHNE": 0.01, "OOTH": 0.06, "REFU": 0.005, "NOBT": 0.015,
}
UASC_ETHNICITY = {"AOTH": 0.42, "BAFR": 0.24, "WOTH": 0.16, "OOTH": 0.12, "BOTH": 0.03, "CHNE": 0.03}
UASC_MALE = 0.93
DISABLED = 0.07

# --- Workforce and caseloads --------------------------------------------------------------------------------
WORKERS_PER_TEAM = 12

# --- Against England ----------------------------------------------------------------------------------------
# Every rate or percentage with a DfE benchmark lies between half and twice England's latest published figure
# (tests/demo/test_demo_bounds.py), except the ones named here: the demo means these as outliers, and says why.
BENCHMARK_OUTLIERS: dict[str, str] = {}
