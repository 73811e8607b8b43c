"""The demo data set's fixed content: people, jobs, posts, conversations, applications,
and the templates job descriptions are written from.

Everything here is fictional. Email addresses use the reserved example.com domain.
"""

import random
from datetime import date
from typing import NamedTuple

from ..vocab import ISLANDS, SALARY_PERIODS


class EmployerSpec(NamedTuple):
    username: str
    email: str
    company: str
    contact: str
    island: str
    headline: str
    about: str


class SeekerSpec(NamedTuple):
    username: str
    name: str
    email: str
    island: str
    headline: str
    skills: str
    bio: str
    open_to_work: bool


class JobSpec(NamedTuple):
    employer: str
    title: str
    employment_type: str
    island: str
    location: str
    pay: tuple[int, int, str] | None  # (min, max, period) in BSD
    permit: str = "bahamians"
    workplace: str = "on-site"


class PostSpec(NamedTuple):
    author: str
    hours_ago: int
    body: str
    comments: tuple[tuple[str, str], ...] = ()  # (author, body)
    job_title: str | None = None  # set when the post announces one of the author's jobs


class ConversationSpec(NamedTuple):
    first: str  # the person who wrote first
    second: str
    hours_ago: int  # when the first message was sent
    bodies: tuple[str, ...]  # alternating, starting with `first`
    last_unread: bool


class ApplicationSpec(NamedTuple):
    applicant: str
    employer: str
    job_title: str
    status: str  # applied | reviewing | interview
    applied_hours_ago: int
    updated_hours_ago: int  # when it reached `status`
    cover_letter: str


# The tables are laid out by hand, one record per line where one fits.
# fmt: off
EMPLOYERS: tuple[EmployerSpec, ...] = (
    EmployerSpec(
        "demo_employer", "employer@example.com", "Demo Conch Co.", "Dorothy Demeritte",
        "new-providence", "Conch stand, seafood kitchen and harbour tours in Nassau",
        "Demo Conch Co. is a family-run conch stand, seafood kitchen and harbour tour company "
        "on the Nassau waterfront, open seven days a week since 2009.",
    ),
    EmployerSpec(
        "sapphire_cay", "hr@sapphirecay.example.com", "Sapphire Cay Resort", "Nadine Ferguson",
        "exuma", "Boutique beach resort on Great Exuma, with a sister inn on Harbour Island",
        "Sapphire Cay Resort is a 90-room beach resort outside George Town with a dive centre, "
        "two restaurants and a small sister inn in Dunmore Town, Harbour Island.",
    ),
    EmployerSpec(
        "coral_crown", "hr@coralcrown.example.com", "Coral Crown Resort", "Philip Thompson",
        "new-providence", "Family resort across the bridge from downtown Nassau",
        "Coral Crown Resort has 600 rooms, a water park and eleven restaurants on Paradise "
        "Island, and employs more than 1,200 Bahamians.",
    ),
    EmployerSpec(
        "lignum_vitae_bank", "hr@lignumvitae.example.com", "Lignum Vitae Bank & Trust",
        "Cheryl Major", "new-providence", "Bahamian-owned bank for people, businesses and trusts",
        "Lignum Vitae Bank & Trust is a Bahamian-owned bank with branches in Nassau, Freeport "
        "and George Town, serving personal, business and private clients since 1978.",
    ),
    EmployerSpec(
        "loyalist_cay_marina", "hr@loyalistcay.example.com", "Loyalist Cay Marina",
        "Kevin Albury", "abaco", "Full-service marina, boat yard and charters in the Abacos",
        "Loyalist Cay Marina runs 140 slips, a fuel dock, a boat yard and a charter fleet in "
        "the Abacos, and the fuel dock at Alice Town, Bimini.",
    ),
    EmployerSpec(
        "lucaya_ridge", "hr@lucayaridge.example.com", "Lucaya Ridge Construction",
        "Godfrey Russell", "grand-bahama", "General contractor for the northern Bahamas",
        "Lucaya Ridge Construction is a Freeport general contractor building homes, hotels and "
        "hurricane-resilient public buildings across the northern Bahamas.",
    ),
    EmployerSpec(
        "seagrape_clinic", "hr@seagrapeclinic.example.com", "Seagrape Medical Clinic",
        "Dr. Andrea Cooper", "new-providence", "Family medicine and urgent care on four islands",
        "Seagrape Medical Clinic offers family medicine, urgent care, a pharmacy and a "
        "laboratory in Nassau, Freeport, Governor's Harbour and Dunmore Town.",
    ),
    EmployerSpec(
        "poinciana_academy", "hr@poinciana.example.com", "Poinciana Academy", "Gail Sawyer",
        "new-providence", "Independent primary and secondary school in western New Providence",
        "Poinciana Academy is an independent primary and secondary school in western New "
        "Providence with 640 students, small classes and a strong sailing club.",
    ),
    EmployerSpec(
        "island_basket", "hr@islandbasket.example.com", "Island Basket Foodstores",
        "Marcus Johnson", "new-providence", "The grocery chain on five islands",
        "Island Basket Foodstores is a Bahamian grocery chain with eleven stores on New "
        "Providence, Grand Bahama, Abaco, Eleuthera and Long Island.",
    ),
    EmployerSpec(
        "out_island_freight", "hr@outislandfreight.example.com", "Out Island Freight & Ferry",
        "Wendell Smith", "new-providence", "Freight, mail boats and ferries to the Family Islands",
        "Out Island Freight & Ferry carries freight, mail and passengers from Potter's Cay to "
        "the Family Islands, with warehouses in Nassau and Freeport.",
    ),
    EmployerSpec(
        "conch_byte_labs", "hr@conchbyte.example.com", "Conch Byte Labs", "Terrance Pinder",
        "new-providence", "Software studio for Caribbean payments, bookings and logistics",
        "Conch Byte Labs is a Nassau software studio building payment, booking and logistics "
        "apps for Caribbean businesses. Most of the team works remotely.",
    ),
    EmployerSpec(
        "andros_coop", "office@androscoop.example.com",
        "North Andros Growers & Fishers Co-operative", "Leroy Rahming", "andros",
        "Member-owned farm, packing house and fish house in North Andros",
        "The North Andros Growers & Fishers Co-operative is owned by 80 farming and fishing "
        "families and runs a 60-acre farm, a packing house and a fish house.",
    ),
    EmployerSpec(
        "fida_bahamas", "hr@fida.example.com", "Family Islands Development Authority",
        "Patrice Newbold", "new-providence", "Jobs, farming and resilience on the Family Islands",
        "The Family Islands Development Authority is a statutory agency that supports small "
        "business, farming, disaster readiness and community programmes on the Family Islands.",
    ),
)

SEEKERS: tuple[SeekerSpec, ...] = (
    SeekerSpec(
        "demo_seeker", "Alicia Pinder", "seeker@example.com", "new-providence",
        "Hospitality graduate looking for front-of-house work",
        "customer service, cash handling, Excel, basic Spanish, first aid",
        "I finished my hospitality diploma last year and spent two summers on a Cable Beach "
        "front desk. I love showing visitors the real Nassau.", True,
    ),
    SeekerSpec(
        "kendra_rolle", "Kendra Rolle", "kendra.rolle@example.com", "exuma",
        "Front desk and reservations, six years in resorts",
        "reservations systems, guest relations, night audit, team leading",
        "Born and raised in Rolleville. I have run front desks at two Exuma resorts and "
        "trained most of the agents I worked with.", True,
    ),
    SeekerSpec(
        "deangelo_knowles", "Deangelo Knowles", "deangelo.knowles@example.com", "grand-bahama",
        "Journeyman electrician, residential and commercial",
        "electrical installation, solar PV, blueprint reading, generators",
        "Eleven years wiring homes, hotels and warehouses around Freeport, including solar "
        "and generator systems after Dorian.", True,
    ),
    SeekerSpec(
        "latoya_ferguson", "Latoya Ferguson", "latoya.ferguson@example.com", "new-providence",
        "Registered nurse, emergency and outpatient care",
        "triage, IV therapy, patient education, BLS and ACLS",
        "Registered nurse with eight years in emergency and outpatient care in Nassau.", False,
    ),
    SeekerSpec(
        "marvin_sands", "Marvin Sands", "marvin.sands@example.com", "abaco",
        "Boat captain, 100-ton licence, knows every cut in the Abacos",
        "boat handling, navigation, diesel maintenance, charter guiding",
        "Captain from Marsh Harbour. Charters, deliveries and bonefishing trips for twenty "
        "years.", True,
    ),
    SeekerSpec(
        "shavonne_bethel", "Shavonne Bethel", "shavonne.bethel@example.com", "new-providence",
        "AML and KYC analyst in private banking",
        "KYC reviews, AML monitoring, risk assessment, regulatory reporting",
        "Compliance professional in Nassau's financial sector, currently studying for an "
        "international compliance diploma.", False,
    ),
    SeekerSpec(
        "dwayne_cartwright", "Dwayne Cartwright", "dwayne.cartwright@example.com", "long-island",
        "Farmer and heavy equipment operator",
        "excavator, backhoe, land clearing, irrigation, livestock",
        "I farm onions and goats in Deadman's Cay and run a backhoe for road and land "
        "clearing jobs around the island.", True,
    ),
    SeekerSpec(
        "keisha_munnings", "Keisha Munnings", "keisha.munnings@example.com", "new-providence",
        "Primary school teacher, B.Ed.",
        "literacy, classroom management, lesson planning, special needs support",
        "Grade 3 teacher for seven years. I run a Saturday reading club in Bain Town.", False,
    ),
    SeekerSpec(
        "jamal_strachan", "Jamal Strachan", "jamal.strachan@example.com", "new-providence",
        "Junior Python developer",
        "Python, Flask, SQL, Git, HTML and CSS",
        "Self-taught developer who builds small tools for local businesses. Looking for my "
        "first full-time role on a real team.", True,
    ),
    SeekerSpec(
        "tamika_deveaux", "Tamika Deveaux", "tamika.deveaux@example.com", "eleuthera",
        "Pharmacy technician",
        "dispensing, inventory, insurance claims, customer care",
        "Pharmacy technician in Governor's Harbour with five years of retail pharmacy work.",
        True,
    ),
    SeekerSpec(
        "rashad_forbes", "Rashad Forbes", "rashad.forbes@example.com", "andros",
        "Commercial fisherman and lobster diver",
        "free diving, boat handling, fish processing, net repair",
        "Fishing out of Nicholls Town since I was fourteen. Co-op member.", False,
    ),
    SeekerSpec(
        "monique_saunders", "Monique Saunders", "monique.saunders@example.com", "grand-bahama",
        "Accounts clerk, QuickBooks certified",
        "accounts payable, payroll, QuickBooks, bank reconciliations",
        "Accounts clerk with six years in construction and retail offices in Freeport.", True,
    ),
    SeekerSpec(
        "andre_mackey", "Andre Mackey", "andre.mackey@example.com", "new-providence",
        "Bartender and mixologist",
        "cocktails, bar inventory, POS systems, upselling",
        "Nine years behind hotel bars on Cable Beach and Bay Street. Ask me about my "
        "sky juice.", True,
    ),
    SeekerSpec(
        "shantell_bain", "Shantell Bain", "shantell.bain@example.com", "bimini",
        "Customer service and ticketing",
        "ticketing, cash handling, scheduling, customer service",
        "Customer service agent in Alice Town, happy to work with visitors all day.", True,
    ),
    SeekerSpec(
        "trevor_darville", "Trevor Darville", "trevor.darville@example.com", "grand-bahama",
        "Truck driver, ten years accident-free",
        "commercial driving, forklift, route planning, vehicle checks",
        "Delivery and heavy truck driver on Grand Bahama, forklift certified.", True,
    ),
    SeekerSpec(
        "aaliyah_mckenzie", "Aaliyah McKenzie", "aaliyah.mckenzie@example.com", "new-providence",
        "Graphic designer and social media manager",
        "graphic design, photography, social media, copywriting",
        "I design for small Bahamian brands and shoot food and travel photos.", True,
    ),
    SeekerSpec(
        "renaldo_sweeting", "Renaldo Sweeting", "renaldo.sweeting@example.com", "harbour-island",
        "Chef de partie, Caribbean and seafood",
        "seafood, grill, menu costing, kitchen hygiene",
        "Cook on Harbour Island for twelve years, trained in Nassau and Miami.", False,
    ),
    SeekerSpec(
        "kristin_albury", "Kristin Albury", "kristin.albury@example.com", "abaco",
        "Marina office manager",
        "bookings, invoicing, staff rosters, dockmaster support",
        "Running the office of a Hope Town marina and raising two sailors.", False,
    ),
    SeekerSpec(
        "lavardo_moss", "Lavardo Moss", "lavardo.moss@example.com", "cat-island",
        "Carpenter and mason",
        "framing, roofing, block work, finish carpentry",
        "Carpenter from Arthur's Town. I rebuilt roofs in Abaco after the storm and will "
        "travel for good work.", True,
    ),
    SeekerSpec(
        "shanique_gibson", "Shanique Gibson", "shanique.gibson@example.com", "new-providence",
        "Logistics coordinator training as a customs broker",
        "customs entries, shipping documents, inventory, Excel",
        "Logistics coordinator at a Nassau importer, working towards my customs broker "
        "licence.", True,
    ),
)

# Open jobs, by category slug.
OPEN_JOBS: dict[str, tuple[JobSpec, ...]] = {
    "hospitality-tourism": (
        JobSpec("sapphire_cay", "Front Desk Agent", "full-time", "exuma", "George Town",
                (10, 14, "hour")),
        JobSpec("sapphire_cay", "Line Cook", "full-time", "exuma", "George Town",
                (11, 15, "hour")),
        JobSpec("sapphire_cay", "Dive Instructor", "seasonal", "exuma", "George Town",
                (2600, 3400, "month"), "permit_holders"),
        JobSpec("sapphire_cay", "Housekeeping Attendant", "full-time", "exuma", "Rolleville",
                (9, 11, "hour")),
        JobSpec("sapphire_cay", "Concierge", "full-time", "harbour-island", "Dunmore Town",
                (2400, 3000, "month")),
        JobSpec("coral_crown", "Bartender", "full-time", "new-providence", "Paradise Island",
                (9, 12, "hour")),
        JobSpec("coral_crown", "Guest Services Supervisor", "full-time", "new-providence",
                "Paradise Island", (2800, 3400, "month")),
        JobSpec("coral_crown", "Pastry Chef", "full-time", "new-providence", "Paradise Island",
                (42000, 52000, "year"), "sponsor"),
        JobSpec("coral_crown", "Lifeguard", "seasonal", "new-providence", "Paradise Island",
                (9, 11, "hour")),
        JobSpec("demo_employer", "Tour Guide", "part-time", "new-providence", "Nassau",
                (12, 16, "hour")),
        JobSpec("demo_employer", "Line Cook", "full-time", "new-providence", "Nassau",
                (10, 13, "hour")),
        JobSpec("loyalist_cay_marina", "Dockside Bartender", "seasonal", "abaco", "Hope Town",
                (9, 12, "hour")),
    ),
    "financial-services": (
        JobSpec("lignum_vitae_bank", "Bank Teller", "full-time", "new-providence", "Nassau",
                (2000, 2500, "month")),
        JobSpec("lignum_vitae_bank", "Compliance Officer", "full-time", "new-providence",
                "Nassau", (55000, 70000, "year"), "permit_holders"),
        JobSpec("lignum_vitae_bank", "Relationship Manager, Private Banking", "full-time",
                "new-providence", "Nassau", (75000, 95000, "year"), "sponsor", "hybrid"),
        JobSpec("lignum_vitae_bank", "Customer Service Representative", "full-time",
                "grand-bahama", "Freeport", (1900, 2400, "month")),
        JobSpec("lignum_vitae_bank", "Fund Accountant", "contract", "new-providence", "Nassau",
                (48000, 60000, "year"), "bahamians", "hybrid"),
    ),
    "construction-trades": (
        JobSpec("lucaya_ridge", "Electrician", "full-time", "grand-bahama", "Freeport",
                (15, 22, "hour")),
        JobSpec("lucaya_ridge", "Heavy Equipment Operator", "full-time", "grand-bahama",
                "Freeport", (14, 20, "hour")),
        JobSpec("lucaya_ridge", "Site Supervisor", "contract", "grand-bahama", "Freeport",
                (4200, 5200, "month"), "permit_holders"),
        JobSpec("lucaya_ridge", "Carpenter", "temporary", "abaco", "Marsh Harbour",
                (14, 19, "hour")),
        JobSpec("lucaya_ridge", "Quantity Surveyor", "full-time", "new-providence", "Nassau",
                (60000, 78000, "year"), "sponsor"),
        JobSpec("lucaya_ridge", "Apprentice Electrician", "internship", "grand-bahama",
                "Freeport", (8, 10, "hour")),
        JobSpec("loyalist_cay_marina", "Marine Mechanic", "full-time", "abaco", "Marsh Harbour",
                (16, 24, "hour"), "permit_holders"),
        JobSpec("loyalist_cay_marina", "Boat Yard Labourer", "temporary", "spanish-wells",
                "Spanish Wells", (11, 14, "hour")),
    ),
    "healthcare": (
        JobSpec("seagrape_clinic", "Registered Nurse", "full-time", "new-providence", "Nassau",
                (3400, 4400, "month")),
        JobSpec("seagrape_clinic", "Medical Receptionist", "full-time", "new-providence",
                "Nassau", (1800, 2200, "month")),
        JobSpec("seagrape_clinic", "Pharmacist", "full-time", "eleuthera", "Governor's Harbour",
                (4800, 5800, "month"), "permit_holders"),
        JobSpec("seagrape_clinic", "Nurse Practitioner", "contract", "harbour-island",
                "Dunmore Town", (5200, 6000, "month"), "sponsor"),
        JobSpec("seagrape_clinic", "Phlebotomist", "part-time", "grand-bahama", "Freeport",
                (14, 17, "hour")),
        JobSpec("seagrape_clinic", "Practice Nurse", "full-time", "grand-bahama", "Freeport",
                (3200, 4000, "month")),
    ),
    "education": (
        JobSpec("poinciana_academy", "Primary School Teacher", "full-time", "new-providence",
                "Nassau", (2900, 3600, "month")),
        JobSpec("poinciana_academy", "Mathematics Teacher (Secondary)", "full-time",
                "new-providence", "Nassau", (3200, 4000, "month"), "permit_holders"),
        JobSpec("poinciana_academy", "Teaching Assistant", "part-time", "new-providence",
                "Nassau", (12, 15, "hour")),
        JobSpec("fida_bahamas", "Adult Literacy Tutor", "part-time", "cat-island",
                "Arthur's Town", (13, 16, "hour")),
    ),
    "retail-sales": (
        JobSpec("island_basket", "Cashier", "part-time", "new-providence", "Nassau",
                (7, 9, "hour")),
        JobSpec("island_basket", "Store Supervisor", "full-time", "grand-bahama", "Freeport",
                (2400, 2900, "month")),
        JobSpec("island_basket", "Stock Clerk", "full-time", "abaco", "Marsh Harbour",
                (8, 10, "hour")),
        JobSpec("island_basket", "Store Manager", "full-time", "long-island", "Deadman's Cay",
                (3000, 3800, "month")),
        JobSpec("demo_employer", "Cashier", "part-time", "new-providence", "Nassau",
                (7, 9, "hour")),
    ),
    "government-public-service": (
        JobSpec("fida_bahamas", "Community Development Officer", "full-time", "long-island",
                "Clarence Town", (2400, 3000, "month")),
        JobSpec("fida_bahamas", "Administrative Officer", "full-time", "new-providence",
                "Nassau", (2600, 3200, "month")),
        JobSpec("fida_bahamas", "Environmental Health Inspector", "full-time", "inagua",
                "Matthew Town", (2500, 3100, "month")),
        JobSpec("fida_bahamas", "Disaster Preparedness Coordinator", "contract", "abaco",
                "Marsh Harbour", (3500, 4200, "month")),
        JobSpec("fida_bahamas", "Park Warden", "full-time", "san-salvador", "Cockburn Town",
                (2200, 2700, "month")),
    ),
    "maritime-fishing": (
        JobSpec("loyalist_cay_marina", "Boat Captain", "full-time", "abaco", "Hope Town",
                (3600, 4800, "month"), "permit_holders"),
        JobSpec("loyalist_cay_marina", "Deckhand", "seasonal", "abaco", "Marsh Harbour",
                (9, 12, "hour")),
        JobSpec("loyalist_cay_marina", "Fuel Dock Attendant", "part-time", "bimini",
                "Alice Town", (9, 11, "hour")),
        JobSpec("andros_coop", "Lobster Diver", "seasonal", "andros", "Nicholls Town", None),
        JobSpec("andros_coop", "Fish House Processor", "seasonal", "andros", "Nicholls Town",
                (9, 11, "hour")),
        JobSpec("sapphire_cay", "Excursion Boat Captain", "full-time", "exuma", "George Town",
                (3200, 4200, "month")),
        JobSpec("out_island_freight", "Marine Engineer", "full-time", "new-providence",
                "Nassau", (55000, 68000, "year"), "sponsor"),
    ),
    "agriculture": (
        JobSpec("andros_coop", "Farm Hand", "full-time", "andros", "Andros Town",
                (8, 10, "hour")),
        JobSpec("andros_coop", "Greenhouse Technician", "full-time", "andros", "Andros Town",
                (2200, 2700, "month")),
        JobSpec("fida_bahamas", "Agricultural Extension Officer", "full-time", "long-island",
                "Deadman's Cay", (2600, 3200, "month")),
        JobSpec("fida_bahamas", "Farm Hand, Pineapple Demonstration Farm", "temporary",
                "eleuthera", "Gregory Town", (8, 10, "hour")),
    ),
    "technology": (
        JobSpec("conch_byte_labs", "Software Developer", "full-time", "remote",
                "Anywhere in The Bahamas", (60000, 85000, "year"), "bahamians", "remote"),
        JobSpec("conch_byte_labs", "Junior Web Developer", "full-time", "new-providence",
                "Nassau", (36000, 45000, "year"), "bahamians", "hybrid"),
        JobSpec("conch_byte_labs", "IT Support Technician", "full-time", "grand-bahama",
                "Freeport", (2400, 3000, "month")),
        JobSpec("conch_byte_labs", "Data Analyst", "contract", "remote",
                "Anywhere in The Bahamas", (4000, 5200, "month"), "bahamians", "remote"),
        JobSpec("conch_byte_labs", "Software Engineering Intern", "internship", "new-providence",
                "Nassau", (12, 15, "hour"), "bahamians", "hybrid"),
        JobSpec("conch_byte_labs", "UX Designer", "contract", "remote", "Anywhere in The Bahamas",
                None, "sponsor", "remote"),
        JobSpec("lignum_vitae_bank", "Cybersecurity Analyst", "full-time", "new-providence",
                "Nassau", (65000, 85000, "year"), "permit_holders", "hybrid"),
    ),
    "administration-office": (
        JobSpec("out_island_freight", "Accounts Clerk", "full-time", "new-providence", "Nassau",
                (1900, 2400, "month")),
        JobSpec("lucaya_ridge", "Office Administrator", "full-time", "grand-bahama", "Freeport",
                (2200, 2700, "month")),
        JobSpec("seagrape_clinic", "Medical Billing Clerk", "full-time", "new-providence",
                "Nassau", (2000, 2500, "month")),
        JobSpec("demo_employer", "Bookkeeper", "part-time", "new-providence", "Nassau",
                (15, 20, "hour"), "bahamians", "hybrid"),
    ),
    "transport-logistics": (
        JobSpec("out_island_freight", "Truck Driver", "full-time", "new-providence", "Nassau",
                (11, 15, "hour")),
        JobSpec("out_island_freight", "Customs Broker", "full-time", "new-providence", "Nassau",
                (3200, 4200, "month")),
        JobSpec("out_island_freight", "Ticket Agent", "part-time", "bimini", "Alice Town",
                (9, 11, "hour")),
        JobSpec("out_island_freight", "Warehouse Associate", "full-time", "grand-bahama",
                "Freeport", (9, 12, "hour")),
        JobSpec("out_island_freight", "Cargo Agent", "full-time", "berry-islands",
                "Bullock's Harbour", (2000, 2500, "month")),
        JobSpec("demo_employer", "Delivery Driver", "part-time", "new-providence", "Nassau",
                (9, 12, "hour")),
        JobSpec("island_basket", "Delivery Driver", "part-time", "grand-bahama", "Freeport",
                (10, 12, "hour")),
    ),
    "other": (
        JobSpec("fida_bahamas", "Cultural Events Coordinator", "contract", "new-providence",
                "Nassau", (3000, 3600, "month")),
        JobSpec("demo_employer", "Social Media and Marketing Intern", "internship",
                "new-providence", "Nassau", (8, 10, "hour"), "bahamians", "hybrid"),
        JobSpec("coral_crown", "Security Officer", "full-time", "new-providence",
                "Paradise Island", (10, 13, "hour")),
    ),
}

# Jobs no longer open: (category, "closed" or "expired", job).
ENDED_JOBS: tuple[tuple[str, str, JobSpec], ...] = (
    ("retail-sales", "closed", JobSpec("demo_employer", "Weekend Cashier", "part-time",
                                       "new-providence", "Nassau", (7, 9, "hour"))),
    ("hospitality-tourism", "expired", JobSpec("coral_crown", "Holiday Season Banquet Server",
                                               "seasonal", "new-providence", "Paradise Island",
                                               (8, 10, "hour"))),
    ("construction-trades", "closed", JobSpec("lucaya_ridge", "Roofer", "temporary", "abaco",
                                              "Marsh Harbour", (13, 18, "hour"))),
    ("retail-sales", "expired", JobSpec("island_basket", "Night Stock Clerk", "part-time",
                                        "grand-bahama", "Freeport", (8, 10, "hour"))),
    ("technology", "closed", JobSpec("conch_byte_labs", "QA Tester", "contract", "remote",
                                     "Anywhere in The Bahamas", (3000, 3800, "month"),
                                     "bahamians", "remote")),
    ("other", "expired", JobSpec("loyalist_cay_marina", "Regatta Volunteer Coordinator",
                                 "temporary", "abaco", "Hope Town", None)),
)

# The one duty that makes each title itself; the rest of a description comes from its category.
TITLE_DUTIES: dict[str, str] = {
    "Front Desk Agent": "Check guests in and out, take reservations and settle folios",
    "Line Cook": "Prepare your station and cook to order on a busy line, lunch and dinner",
    "Dive Instructor": "Teach courses and lead reef and wall dives for guests of every level",
    "Housekeeping Attendant": "Clean and refresh guest rooms and villas to our standard",
    "Concierge": "Book boats, golf carts, tables and tours and know every corner of the island",
    "Bartender": "Mix drinks, run a pool or lobby bar and keep your bar stocked and spotless",
    "Guest Services Supervisor": "Lead a team of guest services agents across three shifts",
    "Pastry Chef": "Run the pastry section: breads, desserts and the wedding cake orders",
    "Lifeguard": "Watch the pools and beach, enforce safety rules and respond to emergencies",
    "Tour Guide": "Lead walking and harbour tours of Nassau and tell the stories behind them",
    "Dockside Bartender": "Serve boaters and guests at our dockside bar from lunch to sunset",
    "Bank Teller": "Handle deposits, withdrawals and cheques accurately at the counter",
    "Compliance Officer": "Run KYC reviews, monitor transactions and file regulatory reports",
    "Relationship Manager, Private Banking": "Look after a book of private clients and trusts",
    "Customer Service Representative": "Open accounts, answer enquiries and solve card problems",
    "Fund Accountant": "Prepare NAV calculations, reconciliations and fund financial statements",
    "Electrician": "Install and repair wiring, panels and lighting on residential and hotel jobs",
    "Heavy Equipment Operator": "Operate excavators, loaders and backhoes on site work",
    "Site Supervisor": "Run the site day to day: crews, schedules, deliveries and safety",
    "Carpenter": "Frame, roof and finish homes in our rebuilding programme",
    "Quantity Surveyor": "Prepare estimates, measure work, value variations and track costs",
    "Apprentice Electrician": "Learn the trade alongside licensed electricians on our jobs",
    "Marine Mechanic": "Service and repair outboards, inboard diesels and generators",
    "Boat Yard Labourer": "Haul out, pressure-wash, sand and paint boats in the yard",
    "Registered Nurse": "Triage and care for patients in our urgent care and family practice",
    "Medical Receptionist": "Greet patients, book appointments and register insurance details",
    "Pharmacist": "Dispense prescriptions, counsel patients and manage the pharmacy stock",
    "Nurse Practitioner": "See patients independently and manage chronic conditions",
    "Phlebotomist": "Draw blood and collect samples with care, and label them without errors",
    "Practice Nurse": "Give vaccinations, dress wounds and run our blood pressure clinics",
    "Primary School Teacher": "Teach a Grade 4 class across the national curriculum",
    "Mathematics Teacher (Secondary)": "Teach mathematics from Grade 7 to BGCSE level",
    "Teaching Assistant": "Support teachers and small reading groups in the lower school",
    "Adult Literacy Tutor": "Teach reading and writing to adults in evening classes",
    "Cashier": "Ring up sales quickly and accurately and keep your drawer balanced",
    "Store Supervisor": "Lead the cashiers and stock team on your shift",
    "Stock Clerk": "Receive deliveries, rotate stock and keep shelves full and tidy",
    "Store Manager": "Run the store: staff, ordering, stock, cash and the customer experience",
    "Community Development Officer": "Work with settlements on projects, grants and training",
    "Administrative Officer": "Manage correspondence, files, meetings and procurement records",
    "Environmental Health Inspector": "Inspect food premises, water supplies and waste sites",
    "Disaster Preparedness Coordinator": "Plan shelters, drills and hurricane readiness",
    "Park Warden": "Patrol the park and reefs, welcome visitors and record wildlife sightings",
    "Boat Captain": "Skipper charters, deliveries and fishing trips safely in Abaco waters",
    "Deckhand": "Handle lines, fuel and clean boats and help guests on and off",
    "Fuel Dock Attendant": "Fuel boats, handle lines and take payment at the dock",
    "Lobster Diver": "Dive for crawfish from the co-op's boats during the season",
    "Fish House Processor": "Clean, grade, pack and freeze the catch for market",
    "Excursion Boat Captain": "Skipper day trips to the cays, the swimming pigs and the reefs",
    "Marine Engineer": "Maintain main engines, generators and systems on our mail boats",
    "Farm Hand": "Plant, weed, irrigate and harvest vegetables and fruit",
    "Greenhouse Technician": "Run the greenhouses: seedlings, irrigation, pests and records",
    "Agricultural Extension Officer": "Advise farmers on crops, pests, water and markets",
    "Farm Hand, Pineapple Demonstration Farm": "Plant, tend and harvest pineapples",
    "Software Developer": "Build and maintain web apps and APIs in Python and TypeScript",
    "Junior Web Developer": "Build features for client websites with a senior developer",
    "IT Support Technician": "Set up laptops, fix network problems and help staff by phone",
    "Data Analyst": "Turn booking and shipping data into reports and dashboards",
    "Software Engineering Intern": "Ship a real feature with a mentor, from design to release",
    "UX Designer": "Design and test booking and payment flows for phones first",
    "Cybersecurity Analyst": "Watch our systems for threats and respond to security incidents",
    "Accounts Clerk": "Process invoices, payments and reconciliations",
    "Office Administrator": "Run the site office: phones, filing, payroll hours and supplies",
    "Medical Billing Clerk": "Prepare insurance claims and follow up on payments",
    "Bookkeeper": "Keep our books, pay suppliers, run payroll and file NIB returns",
    "Truck Driver": "Deliver freight from Potter's Cay to businesses across New Providence",
    "Customs Broker": "Prepare customs entries and clear cargo for our clients",
    "Ticket Agent": "Sell ferry tickets, check in passengers and answer questions",
    "Warehouse Associate": "Receive, store and load freight and keep inventory accurate",
    "Cargo Agent": "Receive and release freight at the dock and keep the manifests",
    "Delivery Driver": "Deliver orders around the island safely and on time",
    "Cultural Events Coordinator": "Plan festivals, Junkanoo workshops and homecoming events",
    "Social Media and Marketing Intern": "Plan, shoot and post our social media content",
    "Security Officer": "Patrol the property, watch the cameras and help guests",
    "Weekend Cashier": "Ring up sales on Saturdays and Sundays",
    "Holiday Season Banquet Server": "Serve holiday banquets and weddings",
    "Roofer": "Install and repair shingle and metal roofs",
    "Night Stock Clerk": "Restock shelves overnight and get the store ready for opening",
    "QA Tester": "Test our apps before every release and report bugs clearly",
    "Regatta Volunteer Coordinator": "Recruit and schedule volunteers for the regatta week",
}

CATEGORY_DUTIES: dict[str, tuple[str, ...]] = {
    "hospitality-tourism": (
        "Give every guest a warm Bahamian welcome",
        "Work early, late, weekend and holiday shifts as the rota needs",
        "Keep your area clean, safe and ready for inspection",
        "Pass guest requests and complaints to the right person quickly",
    ),
    "financial-services": (
        "Follow the bank's policies and the regulator's rules in everything you do",
        "Keep accurate records and protect client confidentiality",
        "Serve clients courteously in person, by phone and by email",
        "Take part in annual AML and fraud-prevention training",
    ),
    "construction-trades": (
        "Follow site safety rules and wear your protective equipment at all times",
        "Read drawings and work to specification",
        "Look after tools, equipment and materials",
        "Work with other trades to keep the job on schedule",
    ),
    "healthcare": (
        "Keep accurate patient records in our electronic system",
        "Follow infection-control and patient-privacy procedures",
        "Work with doctors, nurses and front-office staff as one team",
        "Cover weekend and holiday rotas in turn",
    ),
    "education": (
        "Plan lessons and keep records of each student's progress",
        "Meet parents at open evenings and report cards",
        "Help with clubs, sports day and school events",
        "Keep a safe, kind and orderly classroom",
    ),
    "retail-sales": (
        "Greet customers and help them find what they need",
        "Keep the store clean, stocked and priced correctly",
        "Handle cash and card payments carefully",
        "Work weekends and holidays on a rota",
    ),
    "government-public-service": (
        "Write clear reports for management and the public",
        "Work with local councils, churches and community groups",
        "Handle public money and records in line with financial regulations",
        "Travel between islands when the work needs it",
    ),
    "maritime-fishing": (
        "Follow safety-at-sea procedures and keep safety gear in order",
        "Keep boats, gear and the dock clean and shipshape",
        "Respect closed seasons, size limits and marine parks",
        "Work early starts and long days in season",
    ),
    "agriculture": (
        "Keep planting, spraying and harvest records",
        "Look after tools, tractors and irrigation lines",
        "Follow safe handling rules for fertilisers and sprays",
        "Help at the packing house and on market days",
    ),
    "technology": (
        "Write clear tickets, notes and documentation",
        "Review colleagues' work and take reviews of yours in good spirit",
        "Keep systems secure and data private",
        "Talk with clients to understand what they really need",
    ),
    "administration-office": (
        "Keep files and records organised, paper and electronic",
        "Answer phones and emails promptly and politely",
        "Prepare simple reports in Excel",
        "Cover for colleagues during leave",
    ),
    "transport-logistics": (
        "Check your vehicle or equipment at the start of every shift",
        "Keep delivery paperwork and manifests accurate",
        "Follow loading, lifting and road-safety rules",
        "Keep customers informed about delays",
    ),
    "other": (
        "Work with every department to get things done",
        "Keep simple records and report weekly",
        "Represent the company well in the community",
    ),
}

CATEGORY_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "hospitality-tourism": (
        "Experience in a hotel, restaurant or tourism business",
        "A friendly, professional manner with guests",
        "Good spoken English; another language is a plus",
        "A police character certificate",
        "Flexibility to work weekends and holidays",
    ),
    "financial-services": (
        "An associate or bachelor's degree in finance, accounting or business",
        "Experience in banking, trust or fund administration",
        "Strong attention to detail and good judgement",
        "A clean credit and police record",
        "Good Excel skills",
    ),
    "construction-trades": (
        "Proven experience in the trade",
        "Your own basic hand tools",
        "A valid driver's licence",
        "Willingness to travel to Family Island jobs",
        "Trade certificate or licence where the law requires one",
    ),
    "healthcare": (
        "The licence or registration your role requires in The Bahamas",
        "Current BLS certification",
        "At least two years of clinical or front-office experience",
        "A calm, caring way with patients",
    ),
    "education": (
        "A teaching qualification or degree in the subject",
        "Registration with the Ministry of Education, or eligibility for it",
        "Experience with the age group you will teach",
        "A police character certificate",
    ),
    "retail-sales": (
        "A high school diploma or equivalent",
        "Retail or cash handling experience is a plus",
        "Reliability and good timekeeping",
        "A friendly attitude with customers",
    ),
    "government-public-service": (
        "A degree or diploma in a relevant field",
        "Experience in public service or community work",
        "Good written and spoken English",
        "A valid driver's licence",
    ),
    "maritime-fishing": (
        "Experience on boats in Bahamian waters",
        "Strong swimming ability",
        "Your captain's or engineer's licence where the role requires it",
        "Physical fitness for work outdoors",
    ),
    "agriculture": (
        "Farm or garden experience",
        "Ability to do physical work outdoors in the heat",
        "A valid driver's licence is a plus",
        "Interest in growing more of the food the islands eat",
    ),
    "technology": (
        "Practical experience or a portfolio you can show us",
        "Good written English",
        "A reliable internet connection for remote days",
        "Curiosity and willingness to learn new tools",
    ),
    "administration-office": (
        "Two years of office experience",
        "Good Word and Excel skills",
        "Accurate typing and tidy habits",
        "Discretion with confidential information",
    ),
    "transport-logistics": (
        "A valid driver's licence of the right class for the vehicle",
        "A clean driving record",
        "Ability to lift up to 50 lb",
        "Knowledge of the island's roads",
    ),
    "other": (
        "Relevant experience",
        "Good communication skills",
        "Reliability and initiative",
    ),
}

CATEGORY_BENEFITS: dict[str, str] = {
    "hospitality-tourism": "We offer NIB contributions, group health insurance, staff meals, "
        "a share of the gratuities and discounted stays for your family.",
    "financial-services": "We offer a competitive salary, a pension plan, medical and life "
        "insurance and paid professional exams.",
    "construction-trades": "We pay weekly, contribute to NIB and provide safety gear, transport "
        "to site and accommodation on Family Island jobs.",
    "healthcare": "We offer group health insurance, NIB contributions, paid continuing "
        "education and a uniform allowance.",
    "education": "We offer a pension plan, group health insurance and reduced school fees for "
        "staff children.",
    "retail-sales": "We offer NIB contributions, a staff discount and paid training.",
    "government-public-service": "The post carries a pension, group health insurance and paid "
        "training.",
    "maritime-fishing": "We provide safety gear, meals on board and NIB contributions.",
    "agriculture": "We provide transport from the settlement, work gear and a share of the "
        "produce.",
    "technology": "We offer a laptop, flexible hours, health insurance and a yearly training "
        "budget.",
    "administration-office": "We offer NIB contributions, health insurance and paid vacation.",
    "transport-logistics": "We offer NIB contributions, health insurance and overtime pay.",
    "other": "We offer NIB contributions and paid vacation.",
}

POSTS: tuple[PostSpec, ...] = (
    PostSpec("demo_employer", 70, "Conch salad so fresh it was swimming this morning. We are "
             "also hiring a part-time tour guide who knows their Nassau history!",
             (("demo_seeker", "Just applied. I could talk about Fort Fincastle all day."),
              ("andre_mackey", "Best conch salad on the waterfront, no contest.")),
             "Tour Guide"),
    PostSpec("demo_seeker", 7, "Day three of the job hunt. Updated my profile, three "
             "applications in. Front desk people: what do you wish you knew in your first month?",
             (("kendra_rolle", "Learn the night audit early. Everybody respects the agent "
               "who can balance the day."),
              ("demo_seeker", "Thank you Kendra, writing that down!"))),
    PostSpec("sapphire_cay", 10, "Our dive centre is looking for an instructor for the winter "
             "season. Wall dives, blue holes and sharks on Thursdays. "
             "Details: https://example.com/sapphire-cay/dive", (), "Dive Instructor"),
    PostSpec("kendra_rolle", 15, "Ten years since my first shift on a front desk in George "
             "Town. Grateful for every guest and every mentor."),
    PostSpec("coral_crown", 20, "Job fair this Saturday, 9am to 2pm, in the Coral Crown "
             "ballroom. Bring your CV and your police certificate. Bartenders, lifeguards, "
             "supervisors and more.",
             (("andre_mackey", "I'll be there early."),
              ("shantell_bain", "Will there be one in Freeport or Bimini too?"),
              ("coral_crown", "Not this time, Shantell, but you can apply online."))),
    PostSpec("deangelo_knowles", 26, "Finished a 40-panel solar install in Bahamia this week. "
             "More homes on Grand Bahama should have backup power before hurricane season."),
    PostSpec("lignum_vitae_bank", 30, "Congratulations to the eight Lignum Vitae tellers who "
             "passed their banking certificate exams this month!"),
    PostSpec("jamal_strachan", 34, "Wrote up how I built a bus route lookup for Nassau jitneys "
             "with Flask and SQLite: https://example.com/blog/jitney-routes",
             (("conch_byte_labs", "Nice work, Jamal. Looking forward to talking on "
               "Friday."),)),
    PostSpec("marvin_sands", 40, "Glassy water from Marsh Harbour to Hope Town this morning. "
             "Days like this are why I still captain."),
    PostSpec("lucaya_ridge", 120, "We need an electrician and a heavy equipment operator in "
             "Freeport. Steady work through next year.", (), "Electrician"),
    PostSpec("latoya_ferguson", 52, "Reminder from a nurse: check on your elderly neighbours "
             "in this heat, and keep water by the bed."),
    PostSpec("seagrape_clinic", 58, "Free blood pressure and blood sugar checks at our "
             "Governor's Harbour clinic this Friday. Walk in, no appointment needed."),
    PostSpec("shavonne_bethel", 64, "Sat the first module of my compliance diploma today. Two "
             "more to go. Anyone else studying for it?",
             (("lignum_vitae_bank", "Good luck, Shavonne!"),)),
    PostSpec("andre_mackey", 70, "New recipe on the board: guava duff martini. Come try it "
             "before the tourists find out."),
    PostSpec("island_basket", 76, "Our new Deadman's Cay store opens next month and needs a "
             "manager who knows Long Island.", (), "Store Manager"),
    PostSpec("dwayne_cartwright", 82, "Onion crop is in. Long Island soil still the best in "
             "the country, I said what I said.",
             (("fida_bahamas", "Congratulations, Dwayne. Our extension officer will be by "
               "next week."),)),
    PostSpec("keisha_munnings", 90, "Saturday reading club had 31 children this week. Thank "
             "you to everyone who donated books!"),
    PostSpec("out_island_freight", 96, "Schedule change: the Exuma mail boat sails Tuesday "
             "at 2pm this week instead of Monday. See https://example.com/oif/schedule"),
    PostSpec("tamika_deveaux", 104, "Looking for pharmacy technician work in Eleuthera or "
             "Harbour Island. Five years' experience, references available."),
    PostSpec("conch_byte_labs", 110, "We are growing. Remote developers anywhere in The "
             "Bahamas: come build payment apps with us.", (), "Software Developer"),
    PostSpec("rashad_forbes", 118, "Crawfish season starts soon. Boats are ready. Respect the "
             "size limits, brothers."),
    PostSpec("fida_bahamas", 126, "Applications are open for our small farm grants in Andros, "
             "Long Island and Cat Island. Guide: https://example.com/fida/farm-grants"),
    PostSpec("monique_saunders", 134, "Passed my QuickBooks certification! Open to accounts "
             "work in Freeport."),
    PostSpec("loyalist_cay_marina", 142, "Regatta week was a success. Thank you to every "
             "volunteer and every boat that came out."),
    PostSpec("aaliyah_mckenzie", 150, "Shot the new menu for a little cafe on Jerome Avenue "
             "this week. Portfolio: https://example.com/aaliyah"),
    PostSpec("poinciana_academy", 158, "We are hiring a secondary mathematics teacher for "
             "September. Small classes, great colleagues.", (),
             "Mathematics Teacher (Secondary)"),
    PostSpec("trevor_darville", 166, "Ten years accident-free on Grand Bahama roads. Looking "
             "for my next driving job."),
    PostSpec("renaldo_sweeting", 174, "Grilled snapper, peas and rice, coleslaw. Sunday "
             "staff meal at its finest."),
    PostSpec("andros_coop", 182, "The packing house shipped its first load of Andros "
             "watermelons to Nassau this week."),
    PostSpec("kristin_albury", 190, "Hope Town marina tip: book your slip early for the "
             "spring. We are nearly full already."),
    PostSpec("demo_seeker", 198, "Signed up for a first aid course on Saturday. Every "
             "hospitality job ad asks for it."),
    PostSpec("lavardo_moss", 206, "Finished the roof on a church hall in Arthur's Town. "
             "Available for work on any island."),
    PostSpec("shanique_gibson", 214, "Customs broker exam in six weeks. Flashcards "
             "everywhere."),
    PostSpec("coral_crown", 222, "Welcome to the 46 new team members who started this "
             "week!"),
    PostSpec("shantell_bain", 230, "Bimini sunsets never get old. Alice Town, you're "
             "beautiful."),
    PostSpec("jamal_strachan", 240, "Free Saturday coding workshop for teenagers at the "
             "library was full. Doing it again next month."),
    PostSpec("seagrape_clinic", 252, "Flu shots now available at all four clinics."),
    PostSpec("deangelo_knowles", 264, "Tip for homeowners: get your generator serviced "
             "before June, not after the first storm warning."),
    PostSpec("sapphire_cay", 280, "Our Harbour Island inn reopens after renovation. Pink "
             "sand, new rooms, same team."),
    PostSpec("kendra_rolle", 300, "Exuma people: who is hiring front desk for the season? "
             "Asking for a friend who is very good."),
    PostSpec("demo_employer", 320, "Fresh snapper, grouper and conch fritters today. Come "
             "through!"),
)

CONVERSATIONS: tuple[ConversationSpec, ...] = (
    ConversationSpec("demo_employer", "demo_seeker", 30, (
        "Hi Alicia, thanks for applying for the tour guide job. Are you free for a short "
        "interview on Thursday at 10am at our stand?",
        "Good morning! Yes, Thursday at 10 works for me. Should I bring anything?",
        "Just your police certificate and any first aid certificate. See you then!",
    ), True),
    ConversationSpec("coral_crown", "andre_mackey", 60, (
        "Hello Andre, thank you for applying for the bartender job. Could you do a practical "
        "bar test next week?",
        "Absolutely. Any day but Wednesday works.",
        "Tuesday at 3pm at the lobby bar, then. Ask for Mr. Thompson.",
        "Perfect, I'll be there. Thank you!",
    ), False),
    ConversationSpec("kendra_rolle", "demo_seeker", 20, (
        "Saw your post about front desk work. Sapphire Cay is hiring in George Town, "
        "and they train well.",
        "Thank you! I just applied. Is it easy to find a place to rent in George Town?",
    ), True),
    ConversationSpec("lucaya_ridge", "deangelo_knowles", 50, (
        "Deangelo, your application for the electrician position looks strong. Do you hold "
        "a current licence?",
        "Yes, journeyman licence, renewed in January. I can send a copy.",
        "Please do, and we will set up a site visit.",
    ), False),
    ConversationSpec("jamal_strachan", "conch_byte_labs", 80, (
        "Hi, I applied for the junior web developer role. Is the job open to people "
        "without a degree?",
        "Hi Jamal, yes. We care about what you can build. Your jitney project is a good "
        "example.",
        "Thank you! Would you like a walkthrough of the code?",
        "Yes. Can you do a video call on Friday at 11?",
        "Friday at 11 is great.",
    ), False),
    ConversationSpec("aaliyah_mckenzie", "demo_employer", 12, (
        "Good afternoon! I applied for the social media internship. Could I send you a "
        "few sample posts for your stand?",
        "Please do, we would love to see them.",
        "Sent three by email just now. Thank you for considering me!",
    ), True),
)

APPLICATIONS: tuple[ApplicationSpec, ...] = (
    ApplicationSpec("demo_seeker", "demo_employer", "Tour Guide", "interview", 66, 31,
                    "I grew up in Nassau and love its history. I have guided school groups "
                    "through Fort Charlotte and would be glad to show visitors the harbour."),
    ApplicationSpec("demo_seeker", "sapphire_cay", "Front Desk Agent", "reviewing", 19, 5,
                    "I spent two summers on a resort front desk and I am ready to move to "
                    "Exuma for the right team."),
    ApplicationSpec("demo_seeker", "coral_crown", "Guest Services Supervisor", "applied", 100, 100,
                    "I am a hospitality graduate with front desk experience and I would like "
                    "to grow into a supervisor role with your team."),
    ApplicationSpec("aaliyah_mckenzie", "demo_employer", "Social Media and Marketing Intern",
                    "reviewing", 40, 6,
                    "I design and photograph for small Bahamian brands. My portfolio shows "
                    "food photography that would suit your stand."),
    ApplicationSpec("shantell_bain", "demo_employer", "Cashier", "applied", 150, 150,
                    "I have three years of cash handling and ticketing experience and I am "
                    "moving to Nassau next month."),
    ApplicationSpec("andre_mackey", "coral_crown", "Bartender", "interview", 120, 61,
                    "Nine years behind hotel bars on Cable Beach. I know how to keep a busy "
                    "pool bar moving and the guests smiling."),
    ApplicationSpec("deangelo_knowles", "lucaya_ridge", "Electrician", "reviewing", 70, 51,
                    "Journeyman electrician with eleven years in Freeport, including hotel "
                    "and solar work."),
    ApplicationSpec("jamal_strachan", "conch_byte_labs", "Junior Web Developer", "interview",
                    96, 75,
                    "I build Flask apps for local businesses and would love to learn from a "
                    "real team."),
    ApplicationSpec("monique_saunders", "out_island_freight", "Accounts Clerk", "applied",
                    200, 200,
                    "QuickBooks certified accounts clerk with six years of payables and "
                    "payroll experience."),
    ApplicationSpec("trevor_darville", "out_island_freight", "Truck Driver", "applied", 260, 260,
                    "Ten years accident-free with heavy trucks and a forklift certificate. "
                    "Ready to move to Nassau."),
)

INTROS: tuple[str, ...] = (
    "{company} is hiring {a_title} {where}.",
    "Join {company} as {a_title} {where}.",
    "{company} has an opening for {a_title} {where}.",
)

APPLY_LINES: tuple[str, ...] = (
    "Apply on HireMeBahamas with a short cover letter that tells us why you want the job.",
    "Apply through HireMeBahamas. A cover letter is enough; attach your CV as a PDF if you "
    "have one.",
    "Send your application through HireMeBahamas. Shortlisted applicants will be contacted "
    "for an interview within two weeks.",
)

EMPLOYMENT_LINES: dict[str, str] = {
    "full-time": "This is a permanent, full-time position",
    "part-time": "This is a part-time position, about 20 to 25 hours a week",
    "contract": "This is a fixed-term contract with the possibility of renewal",
    "temporary": "This is a temporary position for about three months",
    "seasonal": "This is a seasonal position from November to May",
    "internship": "This is a paid internship of three to six months",
}

WORKPLACE_LINES: dict[str, str] = {
    "on-site": "on site",
    "hybrid": "with two days a week from home",
    "remote": "fully remote from anywhere in The Bahamas",
}

PERMIT_LINES: dict[str, str] = {
    "bahamians": "This position is open to Bahamian citizens and permanent residents.",
    "permit_holders": "Bahamians, permanent residents and current work-permit holders may "
        "apply.",
    "sponsor": "Qualified Bahamians will be considered first; if none applies, we will "
        "sponsor a work permit.",
}
# fmt: on


def job_description(
    category: str, job: JobSpec, company: str, about: str, closes_on: date, rng: random.Random
) -> str:
    """A plain-text description from the templates above: paragraphs separated by blank lines."""
    if job.island == "remote":
        where = "to work remotely from anywhere in The Bahamas"
    elif job.location == ISLANDS[job.island]:
        where = f"in {job.location}"
    else:
        where = f"in {job.location}, {ISLANDS[job.island]}"
    article = "an" if job.title[0] in "AEIO" else "a"
    intro = rng.choice(INTROS).format(
        company=company, a_title=f"{article} {job.title}", where=where
    )
    duties = [TITLE_DUTIES[job.title], *rng.sample(CATEGORY_DUTIES[category], 2)]
    requirements = rng.sample(CATEGORY_REQUIREMENTS[category], 3)
    if job.pay:
        low, high, period = job.pay
        pay = f"Pay is B${low:,} to B${high:,} {SALARY_PERIODS[period]}."
    else:
        pay = "Pay depends on experience."
    return "\n\n".join(
        (
            f"{intro} {about}",
            "What you will do:\n" + "\n".join(f"- {duty}" for duty in duties),
            "What we are looking for:\n" + "\n".join(f"- {item}" for item in requirements),
            f"{EMPLOYMENT_LINES[job.employment_type]}, {WORKPLACE_LINES[job.workplace]}. "
            f"{pay} {CATEGORY_BENEFITS[category]}",
            f"{rng.choice(APPLY_LINES)} {PERMIT_LINES[job.permit]} "
            f"Applications close on {closes_on.day} {closes_on:%B %Y}.",
        )
    )
