"""Fictional expertise for the demo academics, by field: topics with their keywords, methods
and applications, from which profiles and publications are written. Every title and abstract
is generated; none is a real publication."""

# field -> (label, [(topic, keywords, methods, applications)])
FIELDS = {
    "mechanical": (
        "Mechanical and aerospace engineering",
        [
            (
                "corrosion of offshore pipelines",
                ["corrosion", "pipelines", "cathodic protection"],
                [
                    "electrochemical impedance spectroscopy",
                    "weight-loss coupons",
                    "finite element modelling",
                ],
                [
                    "offshore oil platforms",
                    "subsea pipelines in the South China Sea",
                    "palm oil mill boilers",
                ],
            ),
            (
                "composite materials for aircraft structures",
                ["composites", "aerospace structures", "fatigue"],
                [
                    "drop-weight impact testing",
                    "acoustic emission monitoring",
                    "micromechanical modelling",
                ],
                ["aircraft wing panels", "UAV airframes", "helicopter rotor blades"],
            ),
            (
                "thermal management of electric vehicle batteries",
                ["battery thermal management", "electric vehicles", "heat transfer"],
                ["computational fluid dynamics", "phase-change materials", "infrared thermography"],
                [
                    "lithium-ion battery packs",
                    "electric motorcycles",
                    "charging stations in hot climates",
                ],
            ),
            (
                "additive manufacturing of metal parts",
                ["additive manufacturing", "3D printing", "metallurgy"],
                ["selective laser melting", "design of experiments", "X-ray computed tomography"],
                ["automotive tooling", "orthopaedic implants", "aerospace brackets"],
            ),
        ],
    ),
    "electrical": (
        "Electrical and computer engineering",
        [
            (
                "solar photovoltaic systems",
                ["solar energy", "photovoltaics", "renewable energy"],
                ["maximum power point tracking", "field measurements", "techno-economic analysis"],
                [
                    "rural electrification in Sabah",
                    "rooftop solar on factories",
                    "floating solar farms",
                ],
            ),
            (
                "smart grid and microgrid control",
                ["smart grid", "microgrids", "power systems"],
                [
                    "model predictive control",
                    "hardware-in-the-loop simulation",
                    "load forecasting with LSTM networks",
                ],
                ["campus microgrids", "island power systems", "industrial demand response"],
            ),
            (
                "Internet of Things sensor networks",
                ["Internet of Things", "wireless sensor networks", "embedded systems"],
                ["LoRaWAN deployments", "low-power firmware design", "edge computing"],
                ["flood early warning", "smart agriculture", "structural health monitoring"],
            ),
            (
                "robotics and automation",
                ["robotics", "industrial automation", "computer vision"],
                ["deep reinforcement learning", "ROS-based prototyping", "visual servoing"],
                [
                    "pick-and-place in electronics assembly",
                    "warehouse logistics",
                    "rehabilitation robots",
                ],
            ),
        ],
    ),
    "civil": (
        "Civil and environmental engineering",
        [
            (
                "sustainable concrete materials",
                ["concrete", "geopolymer", "construction materials"],
                [
                    "compressive strength testing",
                    "microstructure analysis by SEM",
                    "life-cycle assessment",
                ],
                ["palm oil fuel ash concrete", "low-carbon precast elements", "marine structures"],
            ),
            (
                "flood risk and urban drainage",
                ["flood risk", "hydrology", "stormwater management"],
                ["hydrodynamic modelling", "GIS-based mapping", "rainfall-runoff analysis"],
                [
                    "the Klang river basin",
                    "urban drainage in Kuala Lumpur",
                    "coastal towns of Kelantan",
                ],
            ),
            (
                "slope stability and geotechnics",
                ["geotechnical engineering", "slope stability", "landslides"],
                [
                    "limit equilibrium analysis",
                    "in-situ monitoring with inclinometers",
                    "soil nailing design",
                ],
                ["highway cut slopes", "hillside housing in Selangor", "residual tropical soils"],
            ),
            (
                "water and wastewater treatment",
                ["water treatment", "wastewater", "membranes"],
                ["membrane bioreactors", "adsorption on activated carbon", "constructed wetlands"],
                ["palm oil mill effluent", "textile industry wastewater", "rural water supply"],
            ),
        ],
    ),
    "chemical": (
        "Chemical engineering and sustainability",
        [
            (
                "biomass conversion to biofuels",
                ["biomass", "biofuels", "pyrolysis"],
                ["fast pyrolysis", "catalytic upgrading", "process simulation in Aspen Plus"],
                ["oil palm empty fruit bunches", "rice husk", "sawdust from timber mills"],
            ),
            (
                "carbon capture and utilisation",
                ["carbon capture", "CO2 utilisation", "adsorption"],
                ["amine scrubbing", "metal-organic frameworks", "techno-economic assessment"],
                ["gas processing plants", "cement kilns", "power station flue gas"],
            ),
            (
                "process safety and hazard analysis",
                ["process safety", "HAZOP", "risk assessment"],
                ["quantitative risk assessment", "dust explosion testing", "bow-tie analysis"],
                ["petrochemical plants", "LNG terminals", "food processing factories"],
            ),
        ],
    ),
    "cs": (
        "Computer science and artificial intelligence",
        [
            (
                "machine learning for medical images",
                ["deep learning", "medical imaging", "computer vision"],
                ["convolutional neural networks", "transfer learning", "explainable AI"],
                ["diabetic retinopathy screening", "chest X-ray triage", "dental radiographs"],
            ),
            (
                "natural language processing for Malay",
                ["natural language processing", "Malay language", "text mining"],
                ["transformer language models", "sentiment analysis", "named entity recognition"],
                ["social media monitoring", "customer complaint routing", "legal document search"],
            ),
            (
                "cybersecurity and intrusion detection",
                ["cybersecurity", "intrusion detection", "network security"],
                ["anomaly detection", "federated learning", "penetration testing"],
                ["industrial control systems", "banking networks", "IoT devices"],
            ),
            (
                "optimisation and scheduling",
                ["optimisation", "metaheuristics", "scheduling"],
                ["genetic algorithms", "mixed-integer programming", "simulation"],
                [
                    "university timetabling",
                    "vehicle routing for deliveries",
                    "port container handling",
                ],
            ),
        ],
    ),
    "is": (
        "Information systems",
        [
            (
                "digital transformation of SMEs",
                ["digital transformation", "SMEs", "e-commerce"],
                ["structural equation modelling", "case studies", "technology acceptance surveys"],
                ["Malaysian manufacturing SMEs", "halal food producers", "tourism operators"],
            ),
            (
                "health information systems",
                ["health informatics", "electronic health records", "interoperability"],
                ["usability testing", "HL7 FHIR integration", "mixed-methods evaluation"],
                ["public clinics", "telemedicine services", "hospital pharmacies"],
            ),
            (
                "blockchain for supply chains",
                ["blockchain", "supply chain", "traceability"],
                ["smart contracts", "system design science", "pilot deployments"],
                ["halal certification", "palm oil traceability", "pharmaceutical cold chains"],
            ),
        ],
    ),
    "economics": (
        "Economics and management",
        [
            (
                "SME financing and growth",
                ["SMEs", "entrepreneurship", "access to finance"],
                ["panel data econometrics", "firm-level surveys", "propensity score matching"],
                [
                    "Malaysian manufacturing firms",
                    "women entrepreneurs",
                    "micro-enterprises in Kelantan",
                ],
            ),
            (
                "supply chain and logistics management",
                ["supply chain management", "logistics", "operations"],
                ["structural equation modelling", "discrete-event simulation", "case studies"],
                ["port logistics", "e-commerce last-mile delivery", "automotive suppliers"],
            ),
            (
                "labour economics and skills",
                ["labour market", "human capital", "graduate employability"],
                ["tracer studies", "regression analysis", "discrete choice experiments"],
                ["Malaysian graduates", "foreign workers", "TVET programmes"],
            ),
            (
                "marketing and consumer behaviour",
                ["consumer behaviour", "marketing", "branding"],
                ["online experiments", "partial least squares", "focus groups"],
                ["halal cosmetics", "Muslim-friendly tourism", "green products"],
            ),
        ],
    ),
    "architecture": (
        "Architecture and environmental design",
        [
            (
                "energy-efficient buildings in the tropics",
                ["building energy", "green buildings", "thermal comfort"],
                ["building energy simulation", "field measurements", "post-occupancy evaluation"],
                ["office towers in Kuala Lumpur", "terrace houses", "university campuses"],
            ),
            (
                "urban heritage conservation",
                ["heritage conservation", "urban design", "architecture"],
                ["historic building surveys", "photogrammetry", "community participation"],
                ["George Town shophouses", "Melaka heritage zone", "traditional Malay houses"],
            ),
            (
                "landscape and urban green spaces",
                ["landscape architecture", "urban parks", "biophilic design"],
                ["GIS analysis", "user surveys", "microclimate modelling"],
                ["pocket parks", "river corridors", "hospital healing gardens"],
            ),
        ],
    ),
    "islamic_finance": (
        "Islamic banking and finance",
        [
            (
                "sukuk and Islamic capital markets",
                ["sukuk", "Islamic capital markets", "green finance"],
                ["event studies", "Shariah compliance review", "comparative case analysis"],
                ["green sukuk for renewable energy", "infrastructure funding", "waqf-linked sukuk"],
            ),
            (
                "Islamic fintech",
                ["Islamic fintech", "crowdfunding", "digital banking"],
                ["adoption surveys", "regulatory analysis", "platform data analysis"],
                [
                    "peer-to-peer financing for SMEs",
                    "digital zakat collection",
                    "Islamic robo-advisors",
                ],
            ),
            (
                "waqf and social finance",
                ["waqf", "zakat", "Islamic social finance"],
                ["governance assessment", "impact evaluation", "qualitative interviews"],
                ["cash waqf for education", "microfinance for the poor", "healthcare endowments"],
            ),
        ],
    ),
    "halal": (
        "Halal science",
        [
            (
                "halal authentication of food",
                ["halal authentication", "food analysis", "gelatin"],
                ["FTIR spectroscopy", "real-time PCR", "chemometrics"],
                ["gelatin in confectionery", "meat products", "processed foods"],
            ),
            (
                "halal supply chain integrity",
                ["halal supply chain", "halal certification", "logistics"],
                ["risk assessment", "traceability systems", "expert interviews"],
                ["cold chain logistics", "food exporters", "abattoirs"],
            ),
            (
                "halal pharmaceuticals and cosmetics",
                ["halal pharmaceuticals", "halal cosmetics", "formulation"],
                ["excipient screening", "stability testing", "consumer surveys"],
                ["capsule shells", "skin care products", "vaccines"],
            ),
        ],
    ),
    "law": (
        "Law",
        [
            (
                "intellectual property law",
                ["intellectual property", "patents", "technology transfer"],
                ["doctrinal analysis", "comparative law", "case law review"],
                ["university spin-offs", "traditional knowledge", "software patents"],
            ),
            (
                "environmental and climate law",
                ["environmental law", "climate change", "regulation"],
                ["legal analysis", "policy review", "stakeholder interviews"],
                ["carbon pricing in Malaysia", "haze pollution", "marine protected areas"],
            ),
            (
                "Islamic family law",
                ["Islamic family law", "Shariah courts", "women's rights"],
                ["empirical legal research", "court record analysis", "comparative law"],
                ["divorce proceedings", "child custody", "inheritance disputes"],
            ),
            (
                "data protection and cyber law",
                ["data protection", "privacy", "cyber law"],
                ["compliance audits", "comparative analysis of PDPA and GDPR", "policy review"],
                ["health data sharing", "e-commerce platforms", "smart city surveillance"],
            ),
        ],
    ),
    "education": (
        "Education",
        [
            (
                "STEM education",
                ["STEM education", "science teaching", "curriculum design"],
                ["quasi-experimental studies", "classroom observation", "design-based research"],
                [
                    "secondary schools in rural Pahang",
                    "pre-service teachers",
                    "engineering undergraduates",
                ],
            ),
            (
                "technology-enhanced learning",
                ["e-learning", "educational technology", "online learning"],
                ["learning analytics", "randomised controlled trials", "surveys of students"],
                ["MOOCs", "flipped classrooms", "virtual laboratories"],
            ),
            (
                "special and inclusive education",
                ["inclusive education", "special needs", "autism"],
                ["single-case designs", "teacher interviews", "intervention studies"],
                ["children with autism", "dyslexic learners", "inclusive classrooms"],
            ),
        ],
    ),
    "medicine": (
        "Medicine",
        [
            (
                "diabetes and metabolic disease",
                ["diabetes", "obesity", "metabolic syndrome"],
                ["cohort studies", "randomised controlled trials", "biomarker analysis"],
                ["primary care patients in Kuantan", "Ramadan fasting", "gestational diabetes"],
            ),
            (
                "infectious disease epidemiology",
                ["infectious diseases", "dengue", "epidemiology"],
                ["spatial epidemiology", "genomic surveillance", "mathematical modelling"],
                [
                    "dengue outbreaks in Selangor",
                    "tuberculosis in migrant workers",
                    "antimicrobial resistance",
                ],
            ),
            (
                "cardiology and stroke",
                ["cardiology", "stroke", "hypertension"],
                ["echocardiography", "registry data analysis", "clinical audits"],
                ["acute coronary syndrome", "stroke rehabilitation", "hypertension in the elderly"],
            ),
        ],
    ),
    "pharmacy": (
        "Pharmacy",
        [
            (
                "drug delivery and formulation",
                ["drug delivery", "nanoparticles", "pharmaceutics"],
                ["nanoemulsion formulation", "in vitro release testing", "stability studies"],
                ["transdermal patches", "anticancer drugs", "herbal extracts"],
            ),
            (
                "natural products and herbal medicines",
                ["natural products", "herbal medicine", "phytochemistry"],
                ["bioassay-guided fractionation", "HPLC profiling", "antioxidant assays"],
                ["Tongkat Ali", "Centella asiatica", "kacip fatimah"],
            ),
            (
                "pharmacy practice and medication safety",
                ["pharmacy practice", "medication adherence", "pharmacovigilance"],
                ["cross-sectional surveys", "medication reviews", "adverse event reporting"],
                ["community pharmacies", "elderly patients", "antibiotic stewardship"],
            ),
        ],
    ),
    "dentistry": (
        "Dentistry",
        [
            (
                "oral health and dental caries",
                ["oral health", "dental caries", "preventive dentistry"],
                ["epidemiological surveys", "fluoride varnish trials", "salivary biomarkers"],
                ["schoolchildren", "the elderly in care homes", "rural communities"],
            ),
            (
                "dental biomaterials",
                ["dental materials", "restorative dentistry", "biomaterials"],
                ["mechanical testing", "bond strength studies", "cytotoxicity assays"],
                ["composite fillings", "implant coatings", "bioactive glass"],
            ),
        ],
    ),
    "nursing": (
        "Nursing and allied health",
        [
            (
                "community and elderly care",
                ["nursing", "elderly care", "community health"],
                ["home visits", "quality-of-life surveys", "nurse-led interventions"],
                ["stroke survivors at home", "palliative care", "dementia carers"],
            ),
            (
                "physiotherapy and rehabilitation",
                ["physiotherapy", "rehabilitation", "sports injuries"],
                ["gait analysis", "exercise interventions", "wearable sensors"],
                ["knee osteoarthritis", "low back pain in workers", "athletes"],
            ),
            (
                "nutrition and dietetics",
                ["nutrition", "dietetics", "food security"],
                ["dietary assessment", "community trials", "anthropometric surveys"],
                ["schoolchildren's meals", "Ramadan fasting", "low-income households"],
            ),
        ],
    ),
    "science": (
        "Science",
        [
            (
                "biotechnology and microbial enzymes",
                ["biotechnology", "enzymes", "fermentation"],
                ["enzyme immobilisation", "fermentation optimisation", "genome sequencing"],
                ["biodiesel production", "food processing", "bioremediation of oil spills"],
            ),
            (
                "marine science and coral reefs",
                ["marine biology", "coral reefs", "biodiversity"],
                ["underwater visual census", "eDNA sampling", "remote sensing"],
                ["Tioman Island reefs", "mangroves of Kuantan", "fisheries management"],
            ),
            (
                "materials chemistry and sensors",
                ["materials chemistry", "sensors", "nanomaterials"],
                ["graphene synthesis", "electrochemical sensing", "X-ray diffraction"],
                ["heavy metal detection in water", "food freshness sensors", "supercapacitors"],
            ),
        ],
    ),
    "agriculture": (
        "Sustainable agriculture",
        [
            (
                "precision agriculture",
                ["precision agriculture", "remote sensing", "smart farming"],
                ["drone imagery", "soil sensors", "machine learning yield models"],
                ["oil palm plantations", "paddy fields in Kedah", "durian orchards"],
            ),
            (
                "plant pathology and crop protection",
                ["plant pathology", "crop protection", "biocontrol"],
                ["field trials", "molecular diagnostics", "biocontrol agents"],
                ["Ganoderma basal stem rot", "rice blast", "banana Fusarium wilt"],
            ),
        ],
    ),
    "islamic_studies": (
        "Islamic revealed knowledge and human sciences",
        [
            (
                "psychology and mental health",
                ["psychology", "mental health", "wellbeing"],
                ["validated questionnaires", "counselling interventions", "qualitative interviews"],
                ["university students", "healthcare workers", "adolescents"],
            ),
            (
                "media and communication",
                ["communication", "social media", "journalism"],
                ["content analysis", "audience surveys", "discourse analysis"],
                ["public health campaigns", "misinformation", "corporate communication"],
            ),
            (
                "Islamic ethics and governance",
                ["Islamic ethics", "governance", "maqasid al-Shariah"],
                ["textual analysis", "case studies", "Delphi method"],
                ["corporate governance", "public policy", "biomedical ethics"],
            ),
        ],
    ),
    "languages": (
        "Languages and management",
        [
            (
                "English for specific purposes",
                ["English language teaching", "ESP", "communication skills"],
                ["needs analysis", "corpus analysis", "classroom research"],
                ["engineering students", "nurses", "hospitality workers"],
            ),
            (
                "tourism and hospitality management",
                ["tourism", "hospitality", "service quality"],
                ["visitor surveys", "SERVQUAL", "destination image analysis"],
                ["Muslim-friendly tourism", "ecotourism in Pahang", "hotel operations"],
            ),
        ],
    ),
}

UNIT_FIELDS = {
    "koe-mech": ["mechanical"],
    "koe-ece": ["electrical"],
    "koe-cive": ["civil"],
    "koe-bte": ["chemical"],
    "koe": ["mechanical", "electrical", "civil", "chemical"],
    "kict-cs": ["cs"],
    "kict-is": ["is"],
    "kict": ["cs", "is"],
    "kenms": ["economics"],
    "kaed": ["architecture"],
    "kirkhs": ["islamic_studies"],
    "aikol": ["law"],
    "koed": ["education"],
    "kolm": ["languages"],
    "kom": ["medicine"],
    "kod": ["dentistry"],
    "kop": ["pharmacy"],
    "kon": ["nursing"],
    "kahs": ["nursing"],
    "kos": ["science"],
    "ksa": ["agriculture"],
    "inhart": ["halal"],
    "iibf": ["islamic_finance"],
}

TITLES = [
    "{Method} for {application}: {topic}",
    "{Topic} in {application} using {method}",
    "Assessing {topic} for {application} with {method}",
    "A {method} approach to {topic} in {application}",
    "{Topic}: evidence from {application}",
    "Towards better {topic} in {application}",
    "Improving {application} through {method}",
]
ABSTRACT = [
    "This study examines {topic} in {application}.",
    "{Method} was applied to {data}, and the results were compared with {baseline}.",
    "The findings show that {finding}.",
    "The work offers practical guidance for {audience} and points to {next}.",
]
DATA = [
    "data collected over two years",
    "a sample of {n} cases",
    "measurements from {n} sites",
    "records of {n} participants",
    "a dataset of {n} observations",
]
BASELINES = ["current practice", "international benchmarks", "earlier studies", "a control group"]
FINDINGS = [
    "performance improved by {p} percent over current practice",
    "costs could be reduced by {p} percent without loss of quality",
    "the proposed approach is reliable and simple to adopt",
    "local conditions strongly affect the outcome",
    "{p} percent of the variation is explained by three factors",
]
AUDIENCES = ["industry", "policy makers", "practitioners", "regulators", "small firms"]
NEXT = ["larger field trials", "a pilot with industry partners", "further work on scale-up"]
VENUES = {
    "default": [
        "Journal of Applied Research",
        "IIUM Engineering Journal",
        "Pertanika Journal",
        "Malaysian Journal of Science",
        "International Conference on Industry Linkages",
    ],
}
BIO = [
    "{name} works on {topics}. {pronoun} has led projects with industry on {application} and "
    "supervises postgraduate students in {field}.",
    "{name} is a specialist in {topics}, with a focus on {application}. {pronoun} advises "
    "companies and agencies and teaches {field}.",
]
PROJECT_TITLES = [
    "{Topic} for {application}",
    "Industry consultancy: {topic}",
    "Pilot study on {application}",
]
FUNDERS = [
    "Fundamental Research Grant Scheme (FRGS)",
    "Industry-funded consultancy",
    "IIUM Research Initiative Grant",
    "MOSTI Technology Development Fund",
]
LANGUAGES = [
    ["English", "Malay"],
    ["English", "Malay", "Arabic"],
    ["English"],
    ["English", "Malay", "Mandarin"],
    ["English", "Malay", "Tamil"],
    ["English", "Arabic"],
]
