"""Fictional wording of the technologies demo: invention topics, people, grants, public
disclosures, reasons for decisions, patent agents; the stock wording of offers, spin-off
names and enquirers. Every company and person is invented."""

from __future__ import annotations

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


# (field, title, tagline, problem, solution, advantages, applications)
STOCK = [
    (
        "halal",
        "Portable halal meat authentication kit",
        "Tells pork from beef in minutes.",
        "Halal inspectors need laboratory tests that take days to confirm the species of meat.",
        "A handheld strip test that reads the species of processed meat on site.",
        "Minutes instead of days; no laboratory; low cost per test.",
        "Halal certification bodies, abattoirs, food importers.",
    ),
    (
        "agritech",
        "Smart durian ripeness sensor",
        "Harvest at the right hour.",
        "Durian growers lose fruit that falls overripe or is picked too early.",
        "An acoustic sensor clipped to the fruit that signals ripeness by phone.",
        "Less waste, better prices, works without mobile data.",
        "Durian and jackfruit orchards, exporters.",
    ),
    (
        "agritech",
        "Oil palm pest early-warning traps",
        "Find bagworm outbreaks early.",
        "Bagworm outbreaks in oil palm are noticed only after heavy leaf damage.",
        "Pheromone traps with a camera that count moths and send alerts.",
        "Weeks of early warning; less pesticide.",
        "Plantations, smallholder cooperatives.",
    ),
    (
        "biotech",
        "Stingless bee honey quality test",
        "Proves kelulut honey is genuine.",
        "Adulterated stingless bee honey undercuts honest producers.",
        "A rapid assay of marker compounds that genuine kelulut honey carries.",
        "Simple colour read-out; cheap reagents.",
        "Beekeepers, retailers, regulators.",
    ),
    (
        "health",
        "Low-cost diabetic foot ulcer monitor",
        "Spots ulcers before they open.",
        "Diabetic foot ulcers are found late, leading to amputations.",
        "A thermal insole that detects hot spots and warns the patient and clinic.",
        "Early warning at home; washable; long battery life.",
        "Clinics, diabetes care programmes.",
    ),
    (
        "health",
        "Herbal wound dressing from Centella",
        "Faster healing, natural source.",
        "Chronic wounds heal slowly and dressings are costly.",
        "A hydrogel dressing releasing Centella asiatica extract over days.",
        "Fewer dressing changes; locally sourced.",
        "Hospitals, pharmacies, veterinary care.",
    ),
    (
        "ict",
        "Malay speech recognition for call centres",
        "Understands code-switched speech.",
        "Call centres cannot transcribe Malay-English mixed speech reliably.",
        "A speech model trained on code-switched Malaysian conversations.",
        "Handles accents and mixing; runs on premises.",
        "Banks, telcos, government hotlines.",
    ),
    (
        "ict",
        "Islamic finance contract checker",
        "Flags non-compliant clauses.",
        "Reviewing contracts for Shariah compliance is slow and manual.",
        "Software that reads a contract and flags clauses against Shariah standards.",
        "Hours instead of weeks; explains each flag.",
        "Islamic banks, takaful operators.",
    ),
    (
        "engineering",
        "Flood-level IoT gauge",
        "Street-level flood alerts.",
        "Flash floods in towns give residents little warning.",
        "Solar-powered gauges on drains that publish water levels and alerts.",
        "Cheap to install; works through power cuts.",
        "Local councils, drainage departments.",
    ),
    (
        "engineering",
        "Self-cleaning solar panel coating",
        "Keeps panels clean in haze.",
        "Dust and haze cut solar panel output in the tropics.",
        "A hydrophobic nano-coating that sheds dust with rain.",
        "Higher yield; fewer cleaning visits.",
        "Solar farms, rooftop installers.",
    ),
    (
        "energy",
        "Palm oil mill effluent biogas booster",
        "More methane from POME.",
        "Mills capture too little biogas from palm oil mill effluent.",
        "A microbial additive and reactor design that raise methane yield.",
        "Pays back within two years; cuts emissions.",
        "Palm oil mills, renewable energy firms.",
    ),
    (
        "energy",
        "Micro-hydro turbine for rural villages",
        "Power from small streams.",
        "Remote villages rely on diesel generators.",
        "A low-head turbine that villagers can install and maintain.",
        "No fuel costs; simple parts.",
        "Rural electrification programmes, NGOs.",
    ),
    (
        "materials",
        "Kenaf fibre composite panels",
        "Light, strong, plant-based.",
        "Car makers want lighter interior panels from renewable materials.",
        "Kenaf-fibre reinforced bio-resin panels moulded like plastics.",
        "Lighter than glass fibre; renewable.",
        "Automotive parts, furniture, building boards.",
    ),
    (
        "materials",
        "Rice husk silica for concrete",
        "Stronger concrete from waste.",
        "Rice husk ash is dumped while cement is costly and carbon-heavy.",
        "A process turning rice husk into reactive silica that replaces part of the cement.",
        "Cheaper, stronger, lower-carbon concrete.",
        "Precast makers, construction firms.",
    ),
    (
        "education",
        "Arabic learning app with speech feedback",
        "Corrects pronunciation.",
        "Learners of Arabic get little feedback on pronunciation outside class.",
        "A mobile app that listens and corrects pronunciation letter by letter.",
        "Personal feedback; works offline.",
        "Schools, tahfiz centres, language institutes.",
    ),
    (
        "education",
        "Virtual laboratory for engineering students",
        "Labs anywhere.",
        "Students off campus cannot do laboratory work.",
        "Browser-based simulations of engineering labs with graded reports.",
        "Scales to large classes; safe.",
        "Universities, polytechnics.",
    ),
    (
        "biotech",
        "Probiotic feed for shrimp farms",
        "Fewer disease losses.",
        "Shrimp farms lose stock to early mortality syndrome.",
        "A probiotic blend added to feed that suppresses harmful Vibrio bacteria.",
        "Higher survival; fewer antibiotics.",
        "Aquaculture farms, feed makers.",
    ),
    (
        "health",
        "Rapid dengue test from saliva",
        "No needle needed.",
        "Dengue tests need blood samples and a clinic visit.",
        "A saliva-based rapid test that detects dengue antigen early.",
        "Painless; results in 20 minutes.",
        "Clinics, pharmacies, outbreak teams.",
    ),
    (
        "halal",
        "Alcohol detector for halal cosmetics",
        "Checks ethanol content fast.",
        "Cosmetic makers must prove products meet halal limits on alcohol.",
        "A low-cost sensor cartridge that measures ethanol in creams and sprays.",
        "Instant result; no chromatography.",
        "Cosmetic manufacturers, certifiers.",
    ),
    (
        "ict",
        "Mosque crowd management system",
        "Safe crowds at Friday prayers.",
        "Large mosques struggle to manage crowds and parking on Fridays and festivals.",
        "Camera analytics and signage that guide worshippers to free spaces.",
        "Privacy-preserving counts; live dashboards.",
        "Mosques, event venues, councils.",
    ),
]


FIELD_WORDS = {
    "halal": "Halal",
    "agritech": "Agri",
    "biotech": "Bio",
    "health": "Med",
    "ict": "Digital",
    "engineering": "Tech",
    "energy": "Energy",
    "materials": "Materials",
    "education": "Edu",
}


SPINOFF_NAMES = [
    "HalalSense Technologies Sdn Bhd",
    "Kenaf Composites Sdn Bhd",
    "Kelulut Labs Sdn Bhd",
    "AquaFlood Systems Sdn Bhd",
    "Lisan AI Sdn Bhd",
]


ENQUIRERS = [
    ("Farah Hassan", "Nusantara Foods Sdn Bhd"),
    ("Lim Wei Jie", "Pacific Agro Berhad"),
    ("Rajesh Kumar", "MedTek Solutions Sdn Bhd"),
    ("Aminah Yusof", "GreenBuild Materials Sdn Bhd"),
    ("Daniel Tan", "Borneo Energy Ventures"),
    ("Siti Rahman", "EduSmart Learning Sdn Bhd"),
]
