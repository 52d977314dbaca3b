"""Demo invention disclosures and the IP portfolio, then (through ``demo_transfer``) the
technology offers, enquiries, licences with royalties and spin-offs made from them.

About 80 disclosures by the generated academics (with co-inventors, some of them students,
shares totalling 100%) across the kulliyyahs' fields, in every status: drafts, received,
under assessment, and decided with each decision (protect, publish, release, hold) and its
reasons; some were made public before, a few still inside the 12-month grace period so that
the patentability warnings show. The demo academic owns a draft (with the demo student) and a
decided one; the IP committee login has some to assess. The "protect" ones get about 60 IP
assets (MyIPO and PCT patent applications, grants with a US family member, utility
innovations, trademarks, industrial designs, copyright notifications) whose dates are chosen
from today so that their computed deadlines fall in the coming months (a few overdue); older
deadlines are marked done, as the office would have.

Deterministic (``ctx.rng("technologies")``: every draw is made in the plan, before the
database is read) and idempotent: disclosures are found by title, assets by (disclosure, kind,
office). Writes go through the services; the submission and decision dates are then set back
to the plan's, and only events of the last 60 days notify anyone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from . import services
from .choices import AssetKind, AssetStatus, Decision, DisclosureStatus, IPOffice
from .deadlines import add_months
from .models import Disclosure, IPAsset

# (field, (first title, follow-on title), brand for a trademark, description, what is new,
#  known prior art, applications, target industries)
TOPICS = [
    (
        "halal",
        (
            "Portable electronic nose for detecting porcine fat in processed meat",
            "Calibration method for an electronic nose across halal meat products",
        ),
        "HalalSniff",
        "An array of metal-oxide gas sensors and a small classifier, in a handheld case, that "
        "tells lard from beef and chicken fat in sausages and nuggets from their headspace "
        "vapour, in under five minutes and without sample preparation.",
        "Sensor array tuned to the volatile aldehydes of porcine fat; detects 1% lard in "
        "processed beef, where existing handheld devices need 10%.",
        "PCR and FTIR laboratory methods (hours, trained staff); one commercial e-nose for "
        "spoilage, not for species.",
        "Halal inspection at abattoirs and factories; checks by enforcement officers at retail.",
        "Halal certification, meat processing, food enforcement",
    ),
    (
        "halal",
        (
            "Plant-based capsule shell from seaweed carrageenan and sago starch",
            "Enteric-coated seaweed capsule for acid-sensitive halal supplements",
        ),
        "SeaCap",
        "A capsule shell made from a blend of kappa-carrageenan extracted from Sabah seaweed and "
        "sago starch, formed on standard dipping pins, as a halal replacement for bovine and "
        "porcine gelatine.",
        "A plasticiser ratio that gives the shell the elasticity of gelatine, so existing "
        "capsule machines run it without changes.",
        "HPMC capsules (costly, imported); pullulan capsules (licensed technology).",
        "Nutraceutical and pharmaceutical capsules; halal and vegetarian supplements.",
        "Pharmaceuticals, nutraceuticals, halal products",
    ),
    (
        "halal",
        (
            "Rapid strip test for alcohol content in halal cosmetics",
            "Smartphone reader for the alcohol strip test with a certificate record",
        ),
        "AlcoCheck",
        "A paper strip with an enzyme and dye system whose colour reads the ethanol content of "
        "creams, perfumes and sprays, against the limits of the Malaysian halal standard.",
        "Enzyme immobilised on cellulose with a stabiliser that keeps it active for a year at "
        "room temperature.",
        "Gas chromatography in accredited laboratories.",
        "Cosmetic makers' quality control; halal auditors on site.",
        "Cosmetics, halal certification",
    ),
    (
        "halal",
        (
            "DNA barcoding kit for authenticating edible bird's nest",
            "Isothermal DNA test for bird's nest adulterants in the field",
        ),
        "NestTrue",
        "A kit of primers and a protocol that confirm swiftlet origin of edible bird's nest and "
        "detect common adulterants (pork skin, agar, karaya gum) in one run.",
        "Primer set specific to the Malaysian edible-nest swiftlet; detects 2% adulterant.",
        "Sequencing services abroad; microscopy, which misses processed adulterants.",
        "Exporters of bird's nest to China; regulators; halal certification.",
        "Bird's nest industry, food exports",
    ),
    (
        "halal",
        (
            "Blockchain ledger for halal status across cold-chain logistics",
            "Tamper-evident RFID seal for halal cargo containers",
        ),
        "HalalTrail",
        "A permissioned ledger that records the halal status of each carton from slaughter to "
        "port, written by RFID readers in cold rooms and trucks and read by importers.",
        "Offline-first readers that sign events and sync when the truck reaches coverage.",
        "Paper certificates; private traceability systems of single companies.",
        "Halal meat exporters, cold-chain logistics, importers in the Gulf.",
        "Logistics, halal food exports",
    ),
    (
        "engineering",
        (
            "Vibration-based early fault detection for palm oil mill screw presses",
            "Wireless vibration node for harsh mill environments",
        ),
        "PressGuard",
        "Accelerometers on the screw press gearbox and a model trained on mill data that warns "
        "of worm and bearing wear two weeks before failure.",
        "Features that separate wear from the load changes of varying fruit bunches.",
        "Generic condition monitoring (not trained for presses); fixed maintenance intervals.",
        "Palm oil mills; other heavy rotating machinery.",
        "Palm oil milling, plant maintenance",
    ),
    (
        "engineering",
        (
            "Self-cleaning hydrophobic coating for solar panels in haze",
            "Anti-soiling coating applicator for rooftop solar arrays",
        ),
        "ClearSun",
        "A silica nanoparticle coating applied by spray that makes panel glass shed dust and "
        "haze residue with rain, keeping output within 2% of a cleaned panel.",
        "A sol-gel recipe that cures at room temperature on installed panels.",
        "Factory-applied coatings (not for installed panels); manual cleaning.",
        "Rooftop and utility-scale solar in the tropics.",
        "Renewable energy, solar operations",
    ),
    (
        "engineering",
        (
            "Low-cost flood level gauge with solar power and LoRa alerts",
            "Flood gauge network planner for drainage authorities",
        ),
        "BanjirWatch",
        "An ultrasonic gauge mounted on drains and rivers that reports water levels every "
        "minute over LoRa and sends SMS alerts when thresholds are crossed.",
        "Self-calibrating against the dry-weather level; runs through a week without sun.",
        "Telemetry stations of the drainage department (costly, sparse).",
        "Local councils, industrial parks, residents' associations.",
        "Public works, disaster management",
    ),
    (
        "engineering",
        (
            "Kenaf fibre reinforced bio-composite for car interior panels",
            "Flame-retardant treatment for kenaf fibre composites",
        ),
        "KenaFlex",
        "Door and parcel-shelf panels made of kenaf fibre in a bio-based resin, moulded on the "
        "presses used for glass-fibre panels.",
        "Fibre surface treatment that doubles bonding with the resin.",
        "Glass-fibre panels; imported natural-fibre mats.",
        "Automotive interiors, furniture, building boards.",
        "Automotive, composites",
    ),
    (
        "engineering",
        (
            "Rice husk ash silica as partial cement replacement in concrete",
            "Controlled-burn furnace for reactive rice husk ash",
        ),
        "",
        "A process that burns rice husk under controlled temperature to produce amorphous silica "
        "that replaces up to 20% of cement in structural concrete.",
        "Burning profile that keeps the silica amorphous at low cost.",
        "Fly ash and silica fume (imported); open burning that gives crystalline ash.",
        "Precast concrete, ready-mix plants, rural construction.",
        "Construction materials",
    ),
    (
        "engineering",
        (
            "Micro-hydro crossflow turbine for low-head rural streams",
            "Electronic load controller for village micro-hydro schemes",
        ),
        "",
        "A crossflow turbine made from standard pipe and plate that villagers can build and "
        "maintain, producing 5 to 20 kW from streams with two metres of head.",
        "Blade geometry optimised for low head and debris-laden water.",
        "Imported Pelton and Kaplan units (high head or costly).",
        "Rural electrification in Sabah and Sarawak; eco-resorts.",
        "Energy, rural development",
    ),
    (
        "ict",
        (
            "Speech recognition for code-switched Malay and English",
            "Speaker diarisation for Malaysian call-centre recordings",
        ),
        "LisanAI",
        "An acoustic and language model trained on conversational Malaysian speech that mixes "
        "Malay and English within sentences, for transcription and voice bots.",
        "A tokeniser and training recipe for code-switching; 30% fewer errors than general "
        "models on Malaysian calls.",
        "General multilingual speech models, poor on code-switched speech.",
        "Call centres, government hotlines, media captioning.",
        "Banking, telecommunications, government services",
    ),
    (
        "ict",
        (
            "Shariah compliance checker for Islamic finance contracts",
            "Explainable clause classifier for Shariah standards",
        ),
        "",
        "Software that reads financing contracts and flags clauses that conflict with the "
        "Shariah standards of Bank Negara Malaysia, with the reason for each flag.",
        "A clause ontology built with Shariah scholars and a classifier that cites the standard.",
        "Manual review by Shariah officers; keyword search tools.",
        "Islamic banks, takaful operators, Shariah advisory firms.",
        "Islamic finance",
    ),
    (
        "ict",
        (
            "Privacy-preserving crowd counting for large mosques",
            "Parking guidance for mosques on Fridays and festivals",
        ),
        "SafSense",
        "Camera analytics that count worshippers in each hall and courtyard without storing "
        "faces, shown on screens that guide arrivals to free spaces.",
        "On-device counting that only ever sends counts, never images.",
        "Manual stewards; commercial counting systems that upload video.",
        "Mosques, event venues, stadiums.",
        "Religious institutions, facilities management",
    ),
    (
        "ict",
        (
            "Digitisation of Jawi manuscripts with handwriting recognition",
            "Searchable archive platform for Jawi and Arabic manuscripts",
        ),
        "",
        "Recognition models for handwritten Jawi that turn scanned Malay manuscripts into "
        "searchable text, with a tool for scholars to correct and annotate.",
        "A training set of 40,000 annotated Jawi lines and a model that handles ligatures.",
        "Arabic recognition engines, which fail on Jawi letters.",
        "Libraries, archives, publishers, religious departments.",
        "Heritage, publishing",
    ),
    (
        "ict",
        (
            "Intrusion detection for water treatment SCADA networks",
            "Digital twin for testing attacks on water plant control systems",
        ),
        "",
        "A passive monitor on the control network of a water plant that learns normal "
        "operation and raises alarms on unusual commands or traffic.",
        "Models of the physical process that catch commands harmless in form but dangerous "
        "in effect.",
        "IT intrusion detection that does not understand industrial protocols.",
        "Water operators, power plants, factories.",
        "Utilities, cybersecurity",
    ),
    (
        "medicine",
        (
            "Thermal insole for early detection of diabetic foot ulcers",
            "Clinic dashboard for remote diabetic foot monitoring",
        ),
        "SoleSafe",
        "An insole with temperature sensors that detects hot spots preceding ulcers and alerts "
        "the patient and the clinic through a phone app.",
        "Comparison of left and right foot to cancel out ambient temperature.",
        "Hand-held infrared thermometers used at clinic visits.",
        "Diabetes clinics, home care, health insurers.",
        "Healthcare, medical devices",
    ),
    (
        "medicine",
        (
            "Saliva-based rapid test for dengue NS1 antigen",
            "Paper microfluidic cartridge for dengue serotyping",
        ),
        "",
        "A lateral-flow test that detects dengue NS1 antigen in saliva within 20 minutes, "
        "without a blood sample.",
        "Antibody pair and pad treatment that reach blood-test sensitivity in saliva.",
        "Blood-based NS1 rapid tests; laboratory PCR.",
        "Clinics, pharmacies, outbreak response teams.",
        "Diagnostics, public health",
    ),
    (
        "medicine",
        (
            "Low-bandwidth tele-ultrasound for rural antenatal care",
            "Guided probe positioning for novice ultrasound users",
        ),
        "",
        "A system that streams ultrasound frames over weak mobile connections so that an "
        "obstetrician in town can guide a nurse scanning in a rural clinic.",
        "Frame selection that keeps diagnostic views at a tenth of the bandwidth.",
        "Video calls, unusable below 3G; store-and-forward review.",
        "Rural clinics, mobile health teams.",
        "Healthcare",
    ),
    (
        "medicine",
        (
            "Chitosan dental membrane for guided bone regeneration",
            "Antibacterial chitosan coating for dental implants",
        ),
        "",
        "A resorbable membrane of chitosan and hydroxyapatite from fish scales, used to guide "
        "bone regrowth after tooth extraction before implants.",
        "Cross-linking that matches resorption time to bone healing (8 to 12 weeks).",
        "Collagen membranes of bovine or porcine origin.",
        "Dental surgery, periodontics, halal medical products.",
        "Dental, medical devices",
    ),
    (
        "medicine",
        (
            "Wearable fall detector for elderly patients in wards",
            "Bed-exit prediction from pressure mats",
        ),
        "",
        "A small sensor worn on the waist that detects falls and calls nurses, with few false "
        "alarms during prayer movements.",
        "A classifier that tells the movements of solat from falls.",
        "Generic fall detectors, which alarm during prayer.",
        "Hospitals, nursing homes, home care.",
        "Healthcare, aged care",
    ),
    (
        "pharmacy",
        (
            "Hydrogel wound dressing releasing Centella asiatica extract",
            "Sterilisation-stable Centella hydrogel formulation",
        ),
        "CentaHeal",
        "A hydrogel sheet that releases standardised Centella asiatica extract over three days, "
        "for chronic and diabetic wounds.",
        "Release profile controlled by the cross-linking density of the gel.",
        "Creams with Centella (frequent reapplication); silver dressings.",
        "Hospitals, pharmacies, veterinary care.",
        "Pharmaceuticals, wound care",
    ),
    (
        "pharmacy",
        (
            "Nanoemulsion of tocotrienol for improved oral absorption",
            "Tocotrienol nanoemulsion for neuroprotection",
        ),
        "",
        "A self-emulsifying formulation of palm tocotrienols that triples their absorption "
        "compared with oil capsules.",
        "A surfactant blend of food-grade, halal-certified components.",
        "Oil-filled softgels; other self-emulsifying systems with non-halal excipients.",
        "Supplements, functional foods, clinical nutrition.",
        "Nutraceuticals, palm oil",
    ),
    (
        "pharmacy",
        (
            "Anti-diabetic herbal formulation from Orthosiphon and Andrographis",
            "Standardisation method for Orthosiphon stamineus extracts",
        ),
        "",
        "A combination extract standardised on rosmarinic acid and andrographolide that lowers "
        "blood glucose in pre-clinical models.",
        "A synergistic ratio, and an extraction that keeps both markers stable.",
        "Single-herb products; unstandardised traditional preparations.",
        "Herbal medicine makers, supplement brands.",
        "Herbal products, pharmaceuticals",
    ),
    (
        "pharmacy",
        (
            "Taste-masked paediatric suspension of antimalarial drugs",
            "Dispersible tablet for paediatric antimalarial dosing",
        ),
        "",
        "A suspension in which an ion-exchange resin hides the bitter taste of the drug, so "
        "that children take the full course.",
        "Resin loading that releases the drug only in the stomach.",
        "Crushed adult tablets mixed with sugar.",
        "Paediatric medicines, humanitarian supply.",
        "Pharmaceuticals",
    ),
    (
        "agritech",
        (
            "Acoustic ripeness sensor for durian",
            "Durian harvest scheduling from ripeness sensor data",
        ),
        "DuriSense",
        "A clip-on sensor that taps the fruit and reads its acoustic response to predict "
        "ripeness, signalling growers through a phone app.",
        "Resonance features that track ripening of Musang King and D24 durians.",
        "Expert knocking by ear; waiting for fruit to fall.",
        "Durian orchards, jackfruit growers, exporters.",
        "Agriculture, fruit exports",
    ),
    (
        "agritech",
        (
            "Camera pheromone trap for oil palm bagworm outbreaks",
            "Bagworm outbreak forecasting from trap counts",
        ),
        "",
        "Pheromone traps with a low-power camera that count bagworm moths daily and warn "
        "plantation managers of outbreaks weeks before leaf damage.",
        "Image counting robust to rain and other insects; a month of battery life.",
        "Manual census of fronds every few months.",
        "Oil palm plantations, smallholder cooperatives.",
        "Plantations",
    ),
    (
        "agritech",
        (
            "Probiotic feed additive against Vibrio in shrimp ponds",
            "Encapsulated probiotic for high-temperature feed pelleting",
        ),
        "",
        "A blend of Bacillus strains isolated from Malaysian ponds that suppresses Vibrio "
        "causing early mortality syndrome in shrimp.",
        "Strains that survive pelleting and colonise the shrimp gut.",
        "Antibiotics; imported probiotics not adapted to local ponds.",
        "Shrimp farms, aquaculture feed makers.",
        "Aquaculture",
    ),
    (
        "agritech",
        (
            "Smart fertigation controller for chilli in rain shelters",
            "Low-cost soil nutrient sensor for fertigation",
        ),
        "",
        "A controller that doses fertiliser and water to chilli grown under rain shelters from "
        "substrate moisture and conductivity readings.",
        "Dosing model that cuts fertiliser use by a quarter without yield loss.",
        "Timers; imported greenhouse controllers built for Europe.",
        "Vegetable growers, agricultural cooperatives.",
        "Agriculture",
    ),
    (
        "agritech",
        (
            "Stingless bee honey authentication by near-infrared spectroscopy",
            "Portable spectrometer model for kelulut honey grading",
        ),
        "",
        "A spectroscopy method with a classifier that tells genuine kelulut honey from honey "
        "diluted with syrup, in a minute.",
        "A reference library of Malaysian kelulut honeys by bee species and region.",
        "Laboratory sugar profiling; moisture tests that miss adulteration.",
        "Beekeepers, retailers, regulators.",
        "Apiculture, food quality",
    ),
    (
        "architecture",
        (
            "Modular timber prayer room for offices and transport hubs",
            "Acoustic panel system for compact prayer rooms",
        ),
        "Musolla Kit",
        "A prefabricated prayer room of cross-laminated rubberwood panels, with qibla "
        "alignment, ablution module and ventilation, assembled in a day.",
        "Panel joints and layout that fit 2.4 m by 3.6 m bays of standard office floors.",
        "Site-built prayer rooms; portable tents.",
        "Offices, airports, malls, factories.",
        "Construction, facilities",
    ),
    (
        "architecture",
        (
            "Passive cooling facade screen inspired by Malay lattice work",
            "Parametric design tool for perforated shading screens",
        ),
        "",
        "A perforated screen of terracotta units patterned after traditional Malay lattice, "
        "that shades and ventilates facades and cuts cooling loads.",
        "Unit geometry that balances shading, daylight and airflow for the tropics.",
        "Aluminium louvres; decorative screens without performance data.",
        "Schools, mosques, offices, housing.",
        "Architecture, building products",
    ),
    (
        "architecture",
        (
            "Flood-resilient raised floor system for terrace houses",
            "Demountable flood barrier for house doorways",
        ),
        "",
        "A kit of steel frames and panels that raises living areas of terrace houses above "
        "flood level without rebuilding.",
        "Installation from inside the house in a weekend, within building by-laws.",
        "Rebuilding on stilts; sandbags.",
        "Home owners in flood-prone areas, councils, insurers.",
        "Construction, housing",
    ),
    (
        "finance",
        (
            "Zakat eligibility and distribution analytics platform",
            "Fraud detection for zakat disbursements",
        ),
        "",
        "A platform that scores applicants' eligibility for zakat from household data and "
        "tracks distribution outcomes for zakat institutions.",
        "Eligibility model aligned with the asnaf categories of the state zakat boards.",
        "Manual assessment by officers; spreadsheets.",
        "State zakat boards, waqf institutions.",
        "Islamic social finance",
    ),
    (
        "finance",
        (
            "Cash waqf crowdfunding platform with impact reporting",
            "Smart-contract waqf certificates",
        ),
        "",
        "A platform for cash waqf campaigns that tracks each contribution to the asset it "
        "funds and reports its social return.",
        "A ledger model that keeps waqf principal and its returns separate by design.",
        "General crowdfunding platforms; paper receipts.",
        "Waqf boards, Islamic banks, universities.",
        "Islamic social finance",
    ),
    (
        "finance",
        (
            "Credit scoring for micro-entrepreneurs from e-wallet data",
            "Shariah-compliant micro-financing decision engine",
        ),
        "",
        "A scoring model that assesses micro-entrepreneurs without credit history from their "
        "e-wallet and marketplace transactions, with their consent.",
        "Features robust to the cash-heavy, seasonal incomes of small traders.",
        "Credit bureau scores (absent for most micro-entrepreneurs).",
        "Islamic banks, cooperatives, fintech lenders.",
        "Islamic finance, fintech",
    ),
    (
        "finance",
        (
            "Sukuk structuring simulator for green projects",
            "Impact measurement framework for green sukuk",
        ),
        "",
        "A simulator that compares sukuk structures for green projects on cost, Shariah "
        "requirements and the Securities Commission's SRI framework.",
        "Rules that encode the SRI sukuk framework alongside cash-flow models.",
        "Spreadsheets of advisory firms.",
        "Investment banks, issuers, regulators.",
        "Islamic capital markets",
    ),
    (
        "education",
        (
            "Arabic pronunciation tutor with speech feedback",
            "Tajwid rule detection for Quran recitation practice",
        ),
        "Makhraj",
        "A mobile app that listens to learners reading Arabic and corrects the articulation of "
        "each letter, offline.",
        "Letter-level scoring models trained on Malaysian learners' speech.",
        "General pronunciation apps without Arabic articulation points.",
        "Schools, tahfiz centres, language institutes.",
        "Education",
    ),
    (
        "education",
        (
            "Virtual laboratory for fluid mechanics experiments",
            "Automated grading of virtual laboratory reports",
        ),
        "",
        "Browser-based simulations of engineering laboratory experiments with measurement "
        "noise, so students can run and report experiments off campus.",
        "Simulations calibrated against the university's own rigs.",
        "Video demonstrations; commercial virtual labs without local calibration.",
        "Universities, polytechnics, TVET colleges.",
        "Higher education",
    ),
    (
        "education",
        (
            "Sign language avatar for Malay text",
            "Malaysian Sign Language dataset and recogniser",
        ),
        "",
        "A system that translates Malay text into Malaysian Sign Language shown by an avatar, "
        "for public announcements and learning materials.",
        "Grammar rules for Malaysian Sign Language word order.",
        "Human interpreters (few); avatars for other sign languages.",
        "Broadcasters, schools, public services.",
        "Education, accessibility",
    ),
]

# The fields each KCDIO's academics invent in (walked up the unit tree).
UNIT_FIELDS = {
    "koe": ["engineering"],
    "koe-mech": ["engineering"],
    "koe-ece": ["engineering", "ict"],
    "koe-cive": ["engineering", "architecture"],
    "koe-bte": ["engineering", "halal", "agritech"],
    "kict": ["ict", "education"],
    "kict-cs": ["ict"],
    "kict-is": ["ict", "finance"],
    "kenms": ["finance"],
    "iibf": ["finance"],
    "aikol": ["finance"],
    "kaed": ["architecture"],
    "kirkhs": ["education", "finance"],
    "koed": ["education"],
    "kolm": ["education"],
    "kom": ["medicine"],
    "kod": ["medicine"],
    "kon": ["medicine"],
    "kahs": ["medicine"],
    "kop": ["pharmacy", "halal"],
    "kos": ["halal", "agritech", "pharmacy"],
    "ksa": ["agritech"],
    "inhart": ["halal"],
}

STUDENTS = [
    "Nur Aisyah Binti Zulkifli",
    "Muhammad Harith Bin Iskandar",
    "Lee Jia Hui",
    "Priya a/p Nair",
    "Ahmad Syahmi Bin Roslan",
    "Farah Nadia Binti Kamarudin",
    "Abdullahi Musa Bello",
    "Siti Khadijah Binti Omar",
]
EXTERNAL = [
    "Ir. Ahmad Fauzi Bin Hamzah (industry collaborator)",
    "Dr Chen Wei Liang (industry collaborator)",
    "Dr Fatimah Al-Zahra (visiting researcher)",
]

FUNDING = [
    ("Fundamental Research Grant Scheme (FRGS), Ministry of Higher Education", ""),
    ("IIUM Research Initiative Grant Scheme (RIGS)", ""),
    ("Prototype Research Grant Scheme (PRGS), Ministry of Higher Education", ""),
    (
        "MOSTI Strategic Research Fund",
        "The ministry is to be told of any invention within 60 days; the university owns the "
        "IP and the ministry has a royalty-free licence for government use.",
    ),
    (
        "Industry research grant (contract research agreement)",
        "The sponsor has a first option to negotiate an exclusive licence within six months "
        "of the disclosure; publications need 30 days' prior notice to the sponsor.",
    ),
    ("Self-funded (no external grant)", ""),
]

# (kind, details)
PUBLIC_EVENTS = [
    ("talk", "Presented at the International Conference on Halal Science, Kuala Lumpur."),
    ("paper", "Published in the IIUM Engineering Journal."),
    ("poster", "Poster at the IIUM Research, Invention and Innovation Exhibition (IRIIE)."),
    ("exhibition", "Shown at ITEX, the International Invention and Innovation Exhibition."),
    ("thesis", "Master's thesis deposited in the IIUM institutional repository."),
    ("online", "Preprint posted on an open repository."),
]

REASONS = {
    "protect": [
        "Novel over the prior art found in the search, with a clear market in {industries}. "
        "File at MyIPO first and decide on a PCT application within the priority year.",
        "Strong commercial interest from two companies; the claims are defensible. Protect, "
        "then market through the technology catalogue.",
        "Inventive step confirmed by the patent agent's search; protect before the inventors "
        "publish the results.",
    ],
    "publish": [
        "Limited commercial potential on its own; publishing secures freedom to operate and "
        "credit for the inventors. Offer as know-how.",
        "Already disclosed at a conference more than twelve months ago: novelty is lost. "
        "Publish and offer the know-how and data.",
    ],
    "release": [
        "The university will not pursue protection; the rights are released to the inventors "
        "under the IP policy, who may protect it at their own cost.",
        "Outside the university's commercialisation priorities; released to the inventors, "
        "with the university keeping a licence for teaching and research.",
    ],
    "hold": [
        "Promising, but the data do not yet support the claims. Keep confidential and come "
        "back after the field trials.",
        "Wait for the sponsor's decision on its licensing option before choosing a route; "
        "keep confidential meanwhile.",
    ],
}

ATTORNEYS = [
    "Hikmah Patent Agents Sdn Bhd",
    "Seri Intan IP Consultancy",
    "Teratai IP & Co.",
]

# The first entries of the plan, so that a small demo still has one of each (and the demo
# academic's own): (status, decision, owner).
FIRST = [
    (DisclosureStatus.DRAFT, "", "academic"),
    (DisclosureStatus.DECIDED, Decision.PROTECT, "academic"),
    (DisclosureStatus.RECEIVED, "", None),
    (DisclosureStatus.ASSESSMENT, "", None),
    (DisclosureStatus.DECIDED, Decision.PUBLISH, None),
    (DisclosureStatus.DECIDED, Decision.RELEASE, None),
    (DisclosureStatus.DECIDED, Decision.HOLD, None),
    (DisclosureStatus.DECIDED, Decision.PROTECT, None),
]
# The rest, drawn with these weights (out of 80).
WEIGHTS = [
    ((DisclosureStatus.DRAFT, ""), 5),
    ((DisclosureStatus.RECEIVED, ""), 7),
    ((DisclosureStatus.ASSESSMENT, ""), 6),
    ((DisclosureStatus.DECIDED, Decision.PROTECT), 46),
    ((DisclosureStatus.DECIDED, Decision.PUBLISH), 7),
    ((DisclosureStatus.DECIDED, Decision.RELEASE), 4),
    ((DisclosureStatus.DECIDED, Decision.HOLD), 5),
]
SHARES = {
    1: [["100"]],
    2: [["60", "40"], ["50", "50"], ["70", "30"]],
    3: [["50", "30", "20"], ["40", "40", "20"], ["33.34", "33.33", "33.33"]],
    4: [["40", "30", "20", "10"], ["25", "25", "25", "25"], ["35", "25", "25", "15"]],
    5: [["30", "25", "20", "15", "10"], ["20", "20", "20", "20", "20"]],
}
# The IP assets of the n-th "protect" disclosure (see _bundle), in turn.
BUNDLES = [
    "pct",
    "first",
    "granted_us",
    "exam",
    "first_tm",
    "design",
    "pct",
    "granted",
    "copyright",
    "exam",
    "pct",
    "abandoned",
]
BUNDLE_FOR_FIELD = {
    ("ict", "design"): "copyright",
    ("finance", "design"): "copyright",
    ("education", "design"): "copyright",
    ("architecture", "copyright"): "design",
}
RECENT = datetime.timedelta(days=60)  # events older than this notify nobody


@dataclass
class AssetPlan:
    kind: str
    office: str
    fields: dict
    status: str  # the final one; granted and abandoned assets are first recorded as filed
    granted_on: datetime.date | None = None
    grant_number: str = ""
    family: int | None = None  # index of the family root in the disclosure's assets


@dataclass
class DisclosurePlan:
    title: str
    fields: dict
    lead: object
    inventors: list
    public: list
    status: str
    decision: str
    reasons: str
    created: datetime.datetime
    submitted: datetime.datetime | None = None
    assessed: datetime.datetime | None = None
    decided: datetime.datetime | None = None
    assessor: object = None
    decider: object = None
    assets: list[AssetPlan] = field(default_factory=list)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _fields_of(user) -> list[str]:
    unit = getattr(user, "unit", None)
    while unit is not None:
        if unit.code in UNIT_FIELDS:
            return UNIT_FIELDS[unit.code]
        unit = unit.parent
    return []


def _offset(rng) -> int:
    """Days from today to the deadline an asset is planned around: a few overdue, most in
    the next 30, 60, 90 days, the rest within eight months."""
    bucket = rng.choices(["overdue", "30", "60", "90", "later"], [1, 3, 3, 2, 4])[0]
    low, high = {
        "overdue": (-25, -1),
        "30": (0, 30),
        "60": (31, 60),
        "90": (61, 90),
        "later": (91, 240),
    }[bucket]
    return rng.randint(low, high)


def _myipo_patent(rng, title, filed, *, status, kind=AssetKind.PATENT, attorney="") -> AssetPlan:
    prefix = "UI" if kind == AssetKind.UTILITY else "PI"
    fields = {
        "kind": kind,
        "title": title,
        "office": IPOffice.MYIPO,
        "application_number": f"{prefix} {filed.year}{rng.randint(1000, 7999):06d}",
        "filing_date": filed,
        "priority_date": filed,
        "status": status if status == AssetStatus.PUBLISHED else AssetStatus.FILED,
        "attorney": attorney,
    }
    if status != AssetStatus.FILED:
        fields["publication_number"] = f"MY {rng.randint(150000, 209999)} A"
    return AssetPlan(kind, IPOffice.MYIPO, fields, status)


def _bundle(name, rng, today, title, brand, field_name) -> list[AssetPlan]:
    """The IP assets of one protected invention, dated so that the deadline each is planned
    around falls ``_offset`` days from today."""
    name = BUNDLE_FOR_FIELD.get((field_name, name), name)
    if name == "first_tm" and not brand:
        name = "pct"
    attorney = rng.choice(ATTORNEYS)
    due = today + datetime.timedelta(days=_offset(rng))
    if name in ("first", "first_tm"):
        # Filed at MyIPO: the priority year (file abroad or PCT?) ends on ``due``.
        filed = add_months(due, -12)
        utility = field_name in ("engineering", "agritech") and rng.random() < 0.35
        kind = AssetKind.UTILITY if utility else AssetKind.PATENT
        out = [_myipo_patent(rng, title, filed, status=AssetStatus.FILED, kind=kind)]
        out[0].fields["attorney"] = attorney
        tm_filed = today - datetime.timedelta(days=rng.randint(60, 700))
        tm_granted = tm_filed + datetime.timedelta(days=rng.randint(300, 400))
        if name == "first_tm":
            registered = tm_granted < today
            out.append(
                AssetPlan(
                    AssetKind.TRADEMARK,
                    IPOffice.MYIPO,
                    {
                        "kind": AssetKind.TRADEMARK,
                        "title": f"{brand} (word mark, classes 9 and 42)",
                        "office": IPOffice.MYIPO,
                        "application_number": f"TM{tm_filed.year}{rng.randint(1000, 9999):06d}",
                        "filing_date": tm_filed,
                        "status": AssetStatus.FILED,
                    },
                    AssetStatus.GRANTED if registered else AssetStatus.FILED,
                    granted_on=tm_granted if registered else None,
                    grant_number=f"TM{tm_filed.year}{rng.randint(1000, 9999):06d}",
                )
            )
        return out
    if name == "pct":
        # MyIPO first filing and a PCT application claiming its priority: the national phase
        # (30 months from priority) is due on ``due``.
        filed = add_months(due, -30)
        root = _myipo_patent(rng, title, filed, status=AssetStatus.PUBLISHED, attorney=attorney)
        pct_filed = add_months(filed, 12) - datetime.timedelta(days=rng.randint(5, 30))
        pct = AssetPlan(
            AssetKind.PATENT,
            IPOffice.PCT,
            {
                "kind": AssetKind.PATENT,
                "title": title,
                "office": IPOffice.PCT,
                "application_number": f"PCT/MY{pct_filed.year}/{rng.randint(50001, 50999):06d}",
                "filing_date": pct_filed,
                "priority_date": filed,
                "publication_number": f"WO {filed.year + 1}/{rng.randint(100000, 299999):06d}",
                "status": AssetStatus.PUBLISHED,
                "attorney": attorney,
            },
            AssetStatus.PUBLISHED,
            family=0,
        )
        return [root, pct]
    if name == "exam":
        # Pending at MyIPO for four years: substantive examination must be requested.
        filed = add_months(due, -48)
        return [_myipo_patent(rng, title, filed, status=AssetStatus.PUBLISHED, attorney=attorney)]
    if name in ("granted", "granted_us"):
        # Granted at MyIPO: the next annual fee falls on an anniversary of filing, ``due``.
        years = rng.randint(7, 9) if name == "granted_us" else rng.randint(5, 9)
        filed = add_months(due, -12 * years)
        root = _myipo_patent(rng, title, filed, status=AssetStatus.GRANTED, attorney=attorney)
        root.granted_on = add_months(filed, rng.randint(30, 44))
        root.grant_number = f"MY-{rng.randint(160000, 199999)}-A"
        out = [root]
        us_filed = add_months(filed, 12) - datetime.timedelta(days=rng.randint(3, 25))
        us_due = today + datetime.timedelta(days=_offset(rng))
        us_number = f"{rng.randint(15, 17)}/{rng.randint(100, 999)},{rng.randint(100, 999)}"
        us_grant = f"US {rng.randint(10, 11)},{rng.randint(100, 999)},{rng.randint(100, 999)} B2"
        if name == "granted_us":
            # Its first maintenance fee (3½ years from the grant) is due on ``us_due``.
            out.append(
                AssetPlan(
                    AssetKind.PATENT,
                    IPOffice.USPTO,
                    {
                        "kind": AssetKind.PATENT,
                        "title": title,
                        "office": IPOffice.USPTO,
                        "application_number": us_number,
                        "filing_date": us_filed,
                        "priority_date": filed,
                        "status": AssetStatus.FILED,
                        "attorney": attorney,
                    },
                    AssetStatus.GRANTED,
                    granted_on=add_months(us_due, -42),
                    grant_number=us_grant,
                    family=0,
                )
            )
        return out
    if name == "design":
        # A registered industrial design: renewal every five years, the next on ``due``.
        filed = add_months(due, -12 * rng.choice([5, 10]))
        number = f"{filed.year % 100:02d}-{rng.randint(100, 2999):05d}-0101"
        return [
            AssetPlan(
                AssetKind.DESIGN,
                IPOffice.MYIPO,
                {
                    "kind": AssetKind.DESIGN,
                    "title": f"{brand or title} (industrial design)",
                    "office": IPOffice.MYIPO,
                    "application_number": number,
                    "filing_date": filed,
                    "status": AssetStatus.FILED,
                    "attorney": attorney,
                },
                AssetStatus.GRANTED,
                granted_on=filed + datetime.timedelta(days=rng.randint(120, 300)),
                grant_number=f"MY {number}",
            )
        ]
    if name == "copyright":
        filed = today - datetime.timedelta(days=rng.randint(100, 1200))
        return [
            AssetPlan(
                AssetKind.COPYRIGHT,
                IPOffice.MYIPO,
                {
                    "kind": AssetKind.COPYRIGHT,
                    "title": f"{title} (software and documentation)",
                    "office": IPOffice.MYIPO,
                    "application_number": f"LY{filed.year}{rng.randint(1000, 7999):06d}",
                    "filing_date": filed,
                    "status": AssetStatus.FILED,
                },
                AssetStatus.GRANTED,
                granted_on=filed + datetime.timedelta(days=rng.randint(7, 40)),
                grant_number=f"CRLY{rng.randint(10000, 99999):08d}",
            )
        ]
    # "abandoned": filed, then given up after an adverse search report.
    filed = today - datetime.timedelta(days=rng.randint(500, 1100))
    asset = _myipo_patent(rng, title, filed, status=AssetStatus.ABANDONED, attorney=attorney)
    asset.fields["notes"] = (
        "Abandoned after an adverse search report: the main claim lacked inventive step."
    )
    return [asset]


def _pools(ctx) -> tuple[dict[str, list], dict[str, list]]:
    """The academics by field: those whose KCDIO's main field it is (who lead), and all who
    work in it (co-inventors)."""
    leads: dict[str, list] = {}
    pools: dict[str, list] = {}
    for user in ctx.academics:
        fields = _fields_of(user)
        if fields:
            leads.setdefault(fields[0], []).append(user)
        for name in fields:
            pools.setdefault(name, []).append(user)
    return leads, pools


def _inventors(ctx, rng, lead, pool, field_name) -> list[dict]:
    people = [lead]
    others = [u for u in pool if u.pk != lead.pk]
    for _ in range(min(len(others), rng.choices([0, 1, 2, 3], [3, 4, 3, 1])[0])):
        pick = others.pop(rng.randrange(len(others)))
        people.append(pick)
    rows: list[dict] = [{"user": u} for u in people]
    student_login = ctx.logins.get("student")
    with_student = rng.random() < 0.35
    use_login = rng.random() < 0.5
    student_name = rng.choice(STUDENTS)
    with_external = rng.random() < 0.08
    external = rng.choice(EXTERNAL)
    if with_student:
        if use_login and student_login is not None and field_name == "engineering":
            rows.append({"user": student_login, "is_student": True})
        else:
            rows.append({"name": student_name, "is_student": True, "unit": lead.unit})
    if with_external and len(rows) < 5:
        rows.append({"name": external, "unit": None})
    rows = rows[:5]
    shares = rng.choice(SHARES[len(rows)])
    for row, share in zip(rows, shares, strict=True):
        row["share"] = Decimal(share)
    return rows


def _plan(ctx, rng, today) -> list[DisclosurePlan]:
    """Every disclosure of the demo, with its people, dates and assets: all the draws."""
    now = timezone.now()
    academic = ctx.logins.get("academic")
    committee = ctx.logins.get("ipcommittee")
    officer = ctx.logins["officer"]
    leads, pools = _pools(ctx)
    total = max(ctx.n(80), len(FIRST))
    entries = list(FIRST)
    keys, weights = zip(*WEIGHTS, strict=True)
    entries += [(*rng.choices(keys, weights)[0], None) for _ in range(total - len(FIRST))]
    order = list(range(len(TOPICS)))
    rng.shuffle(order)
    queue = [(v, t) for v in range((total - 1) // len(TOPICS) + 1) for t in order]
    plans = []
    protected = 0
    for status, decision, owner in entries:
        lead = academic if owner == "academic" and academic is not None else None
        wanted = "engineering" if lead is not None else None
        pick = next((q for q in queue if wanted is None or TOPICS[q[1]][0] == wanted), queue[0])
        queue.remove(pick)
        variant, t = pick
        field_name, titles, brand, description, novelty, prior_art, apps, industries = TOPICS[t]
        title = titles[variant % 2]
        if variant >= 2:
            title = f"{title} (variant {variant // 2 + 1})"
        if variant % 2:
            description = f"Builds on the team's earlier invention. {description}"
        pool = pools.get(field_name) or list(ctx.academics)
        if lead is None:
            candidates = leads.get(field_name) or pool
            lead = candidates[rng.randrange(len(candidates))]
        inventors = _inventors(ctx, rng, lead, pool, field_name)
        if owner == "academic" and status == DisclosureStatus.DRAFT:
            student = ctx.logins.get("student")
            if student is not None and not any(r.get("user") == student for r in inventors):
                inventors = [
                    {"user": lead, "share": Decimal("60")},
                    {"user": student, "is_student": True, "share": Decimal("40")},
                ]
        funding, obligations = rng.choice(FUNDING)
        trl = rng.randint(2, 4) if status != DisclosureStatus.DECIDED else rng.randint(3, 7)
        reasons = rng.choice(REASONS[decision]) if decision else ""
        reasons = reasons.format(industries=industries.lower())
        event_kind, event_details = rng.choice(PUBLIC_EVENTS)
        made_public = rng.random()
        assessor = committee if committee is not None and rng.random() < 0.5 else officer
        decider = committee if committee is not None and rng.random() < 0.35 else officer
        # Days between creation, submission, assessment and decision.
        d1, d2, d3, d4 = (rng.randint(lo, hi) for lo, hi in ((1, 6), (3, 20), (14, 60), (2, 30)))
        assets: list[AssetPlan] = []
        submitted = assessed = decided = None
        public_day = None
        if status == DisclosureStatus.DRAFT:
            created = now - datetime.timedelta(days=rng.randint(1, 45))
            if made_public < 0.3:
                public_day = today - datetime.timedelta(days=rng.randint(30, 150))
        elif status in (DisclosureStatus.RECEIVED, DisclosureStatus.ASSESSMENT):
            age = (
                rng.randint(8, 40) if status == DisclosureStatus.RECEIVED else rng.randint(30, 120)
            )
            created = now - datetime.timedelta(days=age)
            submitted = created + datetime.timedelta(days=d1)
            if status == DisclosureStatus.ASSESSMENT:
                assessed = min(submitted + datetime.timedelta(days=d2), now)
            # The first of each (and some others) were made public within the grace period.
            first_of_kind = not any(p.status == status for p in plans)
            if first_of_kind or made_public < 0.45:
                days = rng.randint(400, 600) if made_public < 0.06 else rng.randint(40, 320)
                public_day = today - datetime.timedelta(days=days)
        else:
            if decision == Decision.PROTECT:
                kind = "pct" if owner == "academic" else BUNDLES[protected % len(BUNDLES)]
                protected += 1
                assets = _bundle(kind, rng, today, title, brand, field_name)
                first_filed = min(a.fields["filing_date"] for a in assets)
                decided = _at(first_filed - datetime.timedelta(days=rng.randint(15, 45)))
                if made_public < 0.3:
                    public_day = first_filed - datetime.timedelta(days=rng.randint(30, 200))
            else:
                decided = now - datetime.timedelta(days=rng.randint(20, 1400))
                chance = 0.6 if decision == Decision.PUBLISH else 0.2
                if made_public < chance:
                    back = rng.randint(400, 700) if decision == Decision.PUBLISH else d3 * 5
                    public_day = timezone.localdate(decided) - datetime.timedelta(days=back)
            assessed = decided - datetime.timedelta(days=d3)
            submitted = assessed - datetime.timedelta(days=d2)
            created = submitted - datetime.timedelta(days=d4)
        public = (
            [{"kind": event_kind, "date": public_day, "details": event_details}]
            if public_day is not None
            else []
        )
        plans.append(
            DisclosurePlan(
                title=title,
                fields={
                    "title": title,
                    "description": description,
                    "novelty": novelty,
                    "prior_art": prior_art,
                    "funding_source": funding,
                    "sponsor_obligations": obligations,
                    "trl": trl,
                    "applications": apps,
                    "target_industries": industries,
                },
                lead=lead,
                inventors=inventors,
                public=public,
                status=status,
                decision=decision,
                reasons=reasons,
                created=created,
                submitted=submitted,
                assessed=assessed,
                decided=decided,
                assessor=assessor,
                decider=decider,
                assets=assets,
            )
        )
    return plans


def _make_disclosure(p: DisclosurePlan, now) -> Disclosure:
    """Create the disclosure and walk it through the review to its planned status."""
    d = services.disclosure_create(
        by=p.lead, inventors=p.inventors, public_disclosures=p.public, at=p.created, **p.fields
    )
    if p.status == DisclosureStatus.DRAFT:
        return d
    services.disclosure_submit(disclosure=d, by=p.lead, quiet=now - p.submitted > RECENT)
    if p.status != DisclosureStatus.RECEIVED:
        services.disclosure_start_assessment(disclosure=d, by=p.assessor)
    if p.status == DisclosureStatus.DECIDED:
        services.disclosure_decide(
            disclosure=d,
            by=p.decider,
            decision=p.decision,
            reasons=p.reasons,
            quiet=now - p.decided > RECENT,
        )
    # The services stamp "now"; the demo's history goes back years.
    Disclosure.objects.filter(pk=d.pk).update(submitted_at=p.submitted, decided_at=p.decided)
    d.refresh_from_db()
    return d


def _close_past_deadlines(asset: IPAsset, officer, cutoff: datetime.date) -> None:
    """Mark done, as the office would have, the deadlines due before ``cutoff`` (the next
    annual fee or renewal then appears)."""
    for _ in range(60):
        deadline = (
            asset.deadlines.filter(done_on__isnull=True, due_date__lt=cutoff)
            .order_by("due_date", "pk")
            .first()
        )
        if deadline is None:
            return
        done_on = deadline.due_date - datetime.timedelta(days=7 + deadline.due_date.day % 14)
        services.deadline_done(deadline=deadline, by=officer, done_on=done_on)


def _make_assets(ctx, p: DisclosurePlan, d: Disclosure, officer, today) -> list[IPAsset]:
    existing = {(a.kind, a.office): a for a in d.assets.all()}
    out: list[IPAsset] = []
    made: list[IPAsset] = []
    for a in p.assets:
        asset = existing.get((a.kind, a.office))
        ctx.count("IP assets", asset is None)
        if asset is None:
            fields = dict(a.fields)
            if a.family is not None:
                fields["family"] = out[a.family]
            asset = services.asset_create(
                by=officer, disclosure=d, at=_at(fields["filing_date"], 9), **fields
            )
            if a.status != asset.status:
                asset = services.asset_set_status(
                    asset=asset,
                    by=officer,
                    status=a.status,
                    granted_on=a.granted_on,
                    grant_number=a.grant_number or None,
                )
            made.append(asset)
        out.append(asset)
    # After the whole family is recorded: a foreign filing ends the root's priority year.
    for asset in made:
        _close_past_deadlines(asset, officer, today - datetime.timedelta(days=30))
    return out


def seed(ctx) -> None:
    officer = ctx.logins.get("officer")
    if officer is None or not ctx.academics:
        return
    rng = ctx.rng("technologies")
    today = timezone.localdate()
    now = timezone.now()
    plans = _plan(ctx, rng, today)
    existing = {d.title: d for d in Disclosure.objects.filter(title__in=[p.title for p in plans])}
    disclosures: list[Disclosure] = []
    assets: list[IPAsset] = []
    for p in plans:
        d = existing.get(p.title)
        ctx.count("invention disclosures", d is None)
        if d is None:
            d = _make_disclosure(p, now)
        disclosures.append(d)
        if p.assets:
            assets += _make_assets(ctx, p, d, officer, today)
    from .demo_transfer import seed_transfer

    seed_transfer(ctx, disclosures, assets)
