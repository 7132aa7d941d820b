"""Demo geography: the cities employers and postings are placed in, with their ZIPs.

Coordinates are not kept here: `listings.preparation` derives them from the ZIP.
"""

from dataclasses import dataclass

from demo.generator.helpers import Weighted
from listings.vocab import State


@dataclass(frozen=True)
class City:
    name: str  # as the zipcodes data spells it, so city search finds it too
    state: State
    area_code: str
    zips: tuple[str, ...]
    weight: int = 2  # bigger metros get more employers


CITIES: tuple[City, ...] = (
    City("Birmingham", State.AL, "205", ("35203", "35204", "35205")),
    City("Huntsville", State.AL, "256", ("35801", "35802", "35803"), 1),
    City("Anchorage", State.AK, "907", ("99501", "99502", "99503")),
    City("Phoenix", State.AZ, "602", ("85003", "85004", "85006"), 3),
    City("Tucson", State.AZ, "520", ("85701", "85704", "85705")),
    City("Mesa", State.AZ, "480", ("85201", "85202", "85203")),
    City("Little Rock", State.AR, "501", ("72201", "72202", "72204")),
    City("Sacramento", State.CA, "916", ("95811", "95814", "95815")),
    City("San Diego", State.CA, "619", ("92101", "92102", "92103"), 3),
    City("Fresno", State.CA, "559", ("93701", "93702", "93703")),
    City("Oakland", State.CA, "510", ("94601", "94602", "94603")),
    City("Los Angeles", State.CA, "213", ("90001", "90002", "90003"), 3),
    City("Denver", State.CO, "303", ("80202", "80203", "80204"), 3),
    City("Colorado Springs", State.CO, "719", ("80902", "80903", "80904")),
    City("Hartford", State.CT, "860", ("06103", "06105", "06106")),
    City("Wilmington", State.DE, "302", ("19801", "19802", "19803"), 1),
    City("Washington", State.DC, "202", ("20001", "20002", "20003"), 3),
    City("Tampa", State.FL, "813", ("33602", "33603", "33604")),
    City("Orlando", State.FL, "407", ("32801", "32803", "32804"), 3),
    City("Jacksonville", State.FL, "904", ("32202", "32204", "32205")),
    City("Miami", State.FL, "305", ("33125", "33126", "33127"), 3),
    City("Atlanta", State.GA, "404", ("30303", "30305", "30306"), 3),
    City("Savannah", State.GA, "912", ("31401", "31404", "31405"), 1),
    City("Hagatna", State.GU, "671", ("96910",), 1),
    City("Honolulu", State.HI, "808", ("96813", "96814", "96815")),
    City("Boise", State.ID, "208", ("83702", "83703", "83704")),
    City("Chicago", State.IL, "312", ("60601", "60602", "60603"), 3),
    City("Naperville", State.IL, "630", ("60540", "60563", "60564"), 1),
    City("Indianapolis", State.IN, "317", ("46201", "46202", "46203"), 3),
    City("Des Moines", State.IA, "515", ("50307", "50308", "50309")),
    City("Wichita", State.KS, "316", ("67202", "67203", "67204")),
    City("Louisville", State.KY, "502", ("40202", "40203", "40204")),
    City("Lexington", State.KY, "859", ("40502", "40503", "40504"), 1),
    City("New Orleans", State.LA, "504", ("70112", "70113", "70114")),
    City("Baton Rouge", State.LA, "225", ("70801", "70802", "70805"), 1),
    City("Portland", State.ME, "207", ("04101", "04102", "04103"), 1),
    City("Baltimore", State.MD, "410", ("21201", "21202", "21205"), 3),
    City("Boston", State.MA, "617", ("02108", "02109", "02110"), 3),
    City("Worcester", State.MA, "508", ("01602", "01603", "01604"), 1),
    City("Detroit", State.MI, "313", ("48201", "48202", "48204"), 3),
    City("Grand Rapids", State.MI, "616", ("49503", "49504", "49505")),
    City("Minneapolis", State.MN, "612", ("55401", "55402", "55403"), 3),
    City("Jackson", State.MS, "601", ("39201", "39202", "39203"), 1),
    City("Kansas City", State.MO, "816", ("64101", "64102", "64105")),
    City("Saint Louis", State.MO, "314", ("63101", "63102", "63103"), 3),
    City("Billings", State.MT, "406", ("59101", "59102", "59105"), 1),
    City("Omaha", State.NE, "402", ("68102", "68104", "68105")),
    City("Las Vegas", State.NV, "702", ("89101", "89102", "89103"), 3),
    City("Reno", State.NV, "775", ("89501", "89502", "89503"), 1),
    City("Manchester", State.NH, "603", ("03101", "03102", "03103"), 1),
    City("Newark", State.NJ, "973", ("07102", "07103", "07104")),
    City("Albuquerque", State.NM, "505", ("87101", "87102", "87104")),
    City("Buffalo", State.NY, "716", ("14201", "14202", "14203")),
    City("Rochester", State.NY, "585", ("14604", "14605", "14606")),
    City("Brooklyn", State.NY, "718", ("11201", "11203", "11204"), 3),
    City("Charlotte", State.NC, "704", ("28202", "28203", "28204"), 3),
    City("Raleigh", State.NC, "919", ("27601", "27603", "27604")),
    City("Fargo", State.ND, "701", ("58102", "58103", "58104"), 1),
    City("Columbus", State.OH, "614", ("43201", "43202", "43203"), 3),
    City("Cleveland", State.OH, "216", ("44102", "44103", "44104")),
    City("Cincinnati", State.OH, "513", ("45202", "45203", "45204")),
    City("Tulsa", State.OK, "918", ("74103", "74104", "74105")),
    City("Oklahoma City", State.OK, "405", ("73102", "73103", "73104")),
    City("Portland", State.OR, "503", ("97201", "97202", "97203"), 3),
    City("Eugene", State.OR, "541", ("97401", "97402", "97403"), 1),
    City("Pittsburgh", State.PA, "412", ("15201", "15202", "15203")),
    City("Philadelphia", State.PA, "215", ("19102", "19103", "19104"), 3),
    City("San Juan", State.PR, "787", ("00901", "00907", "00909")),
    City("Ponce", State.PR, "787", ("00716", "00717", "00728"), 1),
    City("Providence", State.RI, "401", ("02903", "02904", "02905")),
    City("Charleston", State.SC, "843", ("29401", "29403", "29406")),
    City("Columbia", State.SC, "803", ("29201", "29203", "29204")),
    City("Sioux Falls", State.SD, "605", ("57103", "57104", "57105"), 1),
    City("Nashville", State.TN, "615", ("37201", "37203", "37204"), 3),
    City("Memphis", State.TN, "901", ("38103", "38104", "38105")),
    City("Knoxville", State.TN, "865", ("37902", "37909", "37912"), 1),
    City("Austin", State.TX, "512", ("78701", "78702", "78703"), 3),
    City("Houston", State.TX, "713", ("77002", "77003", "77004"), 3),
    City("San Antonio", State.TX, "210", ("78201", "78202", "78203"), 3),
    City("El Paso", State.TX, "915", ("79901", "79902", "79903")),
    City("Salt Lake City", State.UT, "801", ("84101", "84102", "84103")),
    City("Burlington", State.VT, "802", ("05401", "05408"), 1),
    City("Richmond", State.VA, "804", ("23219", "23220", "23221")),
    City("Norfolk", State.VA, "757", ("23502", "23503", "23504")),
    City("Seattle", State.WA, "206", ("98101", "98102", "98103"), 3),
    City("Spokane", State.WA, "509", ("99201", "99202", "99203"), 1),
    City("Charleston", State.WV, "304", ("25301", "25302", "25304"), 1),
    City("Madison", State.WI, "608", ("53703", "53704", "53705")),
    City("Milwaukee", State.WI, "414", ("53202", "53203", "53204")),
    City("Cheyenne", State.WY, "307", ("82001", "82007", "82009"), 1),
)


CITY_WEIGHTS = Weighted([(city, city.weight) for city in CITIES])
