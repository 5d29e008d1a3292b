"""The short form of a county, municipality, country, goal and partner place inside a story."""


def county_ref(county):
    return {"code": county.code, "name": county.name}


def municipality_ref(municipality, context, url=None):
    """`url`: the municipality page's URL when the caller knows it (saves a query)."""
    return {
        "code": municipality.code,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "county": county_ref(municipality.county),
        "url": url or context.municipality_url(municipality),
    }


def country_ref(country):
    return {"code": country.code, "name_sv": country.name_sv, "name_en": country.name_en}


def goal_ref(goal, context):
    return {
        "code": goal.slug,
        "kind": goal.kind,
        "number": goal.number,
        "name_sv": goal.name_sv,
        "name_en": goal.name_en,
        "url": context.goal_url(goal),
    }


def partner_place_ref(place):
    return {
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,
        "region": place.region,
        "country": country_ref(place.country),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geonames_id": place.geonames_id,
    }
