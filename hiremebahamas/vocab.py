"""The product's fixed vocabularies: stored as stable slugs, shown as words."""

ISLANDS = {
    "abaco": "Abaco",
    "acklins": "Acklins",
    "andros": "Andros",
    "berry-islands": "Berry Islands",
    "bimini": "Bimini",
    "cat-island": "Cat Island",
    "crooked-island": "Crooked Island",
    "eleuthera": "Eleuthera",
    "exuma": "Exuma",
    "grand-bahama": "Grand Bahama",
    "harbour-island": "Harbour Island",
    "inagua": "Inagua",
    "long-island": "Long Island",
    "mayaguana": "Mayaguana",
    "new-providence": "New Providence",
    "ragged-island": "Ragged Island",
    "rum-cay": "Rum Cay",
    "san-salvador": "San Salvador",
    "spanish-wells": "Spanish Wells",
    "remote": "Remote",
}

CATEGORIES = {
    "hospitality-tourism": "Hospitality & tourism",
    "financial-services": "Financial services",
    "construction-trades": "Construction & trades",
    "healthcare": "Healthcare",
    "education": "Education",
    "retail-sales": "Retail & sales",
    "government-public-service": "Government & public service",
    "maritime-fishing": "Maritime & fishing",
    "agriculture": "Agriculture",
    "technology": "Technology",
    "administration-office": "Administration & office",
    "transport-logistics": "Transport & logistics",
    "other": "Other",
}

EMPLOYMENT_TYPES = {
    "full-time": "Full-time",
    "part-time": "Part-time",
    "contract": "Contract",
    "temporary": "Temporary",
    "seasonal": "Seasonal",
    "internship": "Internship",
}

WORKPLACES = {
    "on-site": "On-site",
    "hybrid": "Hybrid",
    "remote": "Remote",
}

SALARY_PERIODS = {
    "hour": "per hour",
    "month": "per month",
    "year": "per year",
}

PERMITS = {
    "bahamians": "Bahamian citizens and permanent residents only",
    "permit_holders": "Bahamians, permanent residents and current work-permit holders",
    "sponsor": "Open to all (the employer will apply for a work permit if no qualified "
    "Bahamian applies)",
}

WORK_STATUSES = {
    "citizen": "Bahamian citizen",
    "permanent_resident": "Permanent resident",
    "permit_holder": "Work-permit holder",
    "other": "Other",
}
# The statuses a labour certificate counts as "Bahamian" applicants.
LOCAL_WORK_STATUSES = ("citizen", "permanent_resident")

ACCOUNT_TYPES = {
    "seeker": "Job seeker",
    "employer": "Employer",
}

JOB_STATUSES = ("open", "closed", "removed")

APPLICATION_STATUSES = {
    "applied": "Applied",
    "reviewing": "Reviewing",
    "interview": "Interview",
    "offer": "Offer",
    "hired": "Hired",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}

ALERT_FREQUENCIES = {"daily": "Daily", "weekly": "Weekly"}
