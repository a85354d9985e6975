"""Word lists the entity rules need: countries with their adjectives and capitals, and common first names.

"the Syrian government" and "Syria's government" fold to one key, a capital used as a source ("claims by
Damascus") stands for its country's government, and a first name tells a person (the NER calls "Carly Fiorina" an
organisation) and, when nothing else does, which pronoun can refer to them. One line per country:
name | adjectives | capital.
"""

from __future__ import annotations

_TABLE = """
Afghanistan|Afghan|Kabul
Albania|Albanian|Tirana
Algeria|Algerian|Algiers
Angola|Angolan|Luanda
Argentina|Argentine,Argentinian|Buenos Aires
Armenia|Armenian|Yerevan
Australia|Australian|Canberra
Austria|Austrian|Vienna
Azerbaijan|Azerbaijani,Azeri|Baku
Bahrain|Bahraini|Manama
Bangladesh|Bangladeshi|Dhaka
Belarus|Belarusian|Minsk
Belgium|Belgian|Brussels
Bolivia|Bolivian|La Paz
Bosnia|Bosnian|Sarajevo
Brazil|Brazilian|Brasilia
Britain|British|London
Bulgaria|Bulgarian|Sofia
Burma|Burmese|Naypyidaw
Cambodia|Cambodian|Phnom Penh
Cameroon|Cameroonian|Yaounde
Canada|Canadian|Ottawa
Chad|Chadian|N'Djamena
Chile|Chilean|Santiago
China|Chinese|Beijing
Colombia|Colombian|Bogota
Congo|Congolese|Kinshasa
Croatia|Croatian|Zagreb
Cuba|Cuban|Havana
Cyprus|Cypriot|Nicosia
Czech Republic|Czech|Prague
Denmark|Danish|Copenhagen
Ecuador|Ecuadorian|Quito
Egypt|Egyptian|Cairo
Eritrea|Eritrean|Asmara
Estonia|Estonian|Tallinn
Ethiopia|Ethiopian|Addis Ababa
Finland|Finnish|Helsinki
France|French|Paris
Georgia|Georgian|Tbilisi
Germany|German|Berlin
Ghana|Ghanaian|Accra
Greece|Greek|Athens
Guatemala|Guatemalan|Guatemala City
Haiti|Haitian|Port-au-Prince
Honduras|Honduran|Tegucigalpa
Hungary|Hungarian|Budapest
Iceland|Icelandic|Reykjavik
India|Indian|New Delhi,Delhi
Indonesia|Indonesian|Jakarta
Iran|Iranian|Tehran
Iraq|Iraqi|Baghdad
Ireland|Irish|Dublin
Israel|Israeli|Jerusalem
Italy|Italian|Rome
Ivory Coast|Ivorian|Yamoussoukro,Abidjan
Jamaica|Jamaican|Kingston
Japan|Japanese|Tokyo
Jordan|Jordanian|Amman
Kazakhstan|Kazakh|Astana
Kenya|Kenyan|Nairobi
Kosovo|Kosovan,Kosovar|Pristina
Kuwait|Kuwaiti|Kuwait City
Kyrgyzstan|Kyrgyz|Bishkek
Laos|Laotian,Lao|Vientiane
Latvia|Latvian|Riga
Lebanon|Lebanese|Beirut
Liberia|Liberian|Monrovia
Libya|Libyan|Tripoli
Lithuania|Lithuanian|Vilnius
Malaysia|Malaysian|Kuala Lumpur
Mali|Malian|Bamako
Mexico|Mexican|Mexico City
Moldova|Moldovan|Chisinau
Mongolia|Mongolian|Ulaanbaatar
Morocco|Moroccan|Rabat
Mozambique|Mozambican|Maputo
Nepal|Nepalese,Nepali|Kathmandu
Netherlands|Dutch|Amsterdam,The Hague
New Zealand|New Zealand|Wellington
Nicaragua|Nicaraguan|Managua
Niger|Nigerien|Niamey
Nigeria|Nigerian|Abuja
North Korea|North Korean|Pyongyang
Norway|Norwegian|Oslo
Oman|Omani|Muscat
Pakistan|Pakistani|Islamabad
Palestine|Palestinian|Ramallah
Panama|Panamanian|Panama City
Paraguay|Paraguayan|Asuncion
Peru|Peruvian|Lima
Philippines|Philippine,Filipino|Manila
Poland|Polish|Warsaw
Portugal|Portuguese|Lisbon
Qatar|Qatari|Doha
Romania|Romanian|Bucharest
Russia|Russian|Moscow
Rwanda|Rwandan|Kigali
Saudi Arabia|Saudi|Riyadh
Senegal|Senegalese|Dakar
Serbia|Serbian,Serb|Belgrade
Sierra Leone|Sierra Leonean|Freetown
Singapore|Singaporean|Singapore
Slovakia|Slovak,Slovakian|Bratislava
Slovenia|Slovenian,Slovene|Ljubljana
Somalia|Somali|Mogadishu
South Africa|South African|Pretoria
South Korea|South Korean|Seoul
South Sudan|South Sudanese|Juba
Spain|Spanish|Madrid
Sri Lanka|Sri Lankan|Colombo
Sudan|Sudanese|Khartoum
Sweden|Swedish|Stockholm
Switzerland|Swiss|Bern
Syria|Syrian|Damascus
Taiwan|Taiwanese|Taipei
Tajikistan|Tajik|Dushanbe
Tanzania|Tanzanian|Dodoma
Thailand|Thai|Bangkok
Tunisia|Tunisian|Tunis
Turkey|Turkish|Ankara
Turkmenistan|Turkmen|Ashgabat
Uganda|Ugandan|Kampala
Ukraine|Ukrainian|Kiev,Kyiv
United Arab Emirates|Emirati|Abu Dhabi
United States|American|Washington
Uruguay|Uruguayan|Montevideo
Uzbekistan|Uzbek|Tashkent
Venezuela|Venezuelan|Caracas
Vietnam|Vietnamese|Hanoi
Yemen|Yemeni|Sanaa
Zambia|Zambian|Lusaka
Zimbabwe|Zimbabwean|Harare
Europe|European|Brussels
"""

# Other names a country goes by; they fold to the name above.
COUNTRY_ALIASES = {
    "uk": "Britain", "united kingdom": "Britain", "great britain": "Britain", "us": "United States",
    "usa": "United States", "america": "United States", "united states of america": "United States",
    "myanmar": "Burma", "holland": "Netherlands", "uae": "United Arab Emirates", "czechia": "Czech Republic",
    "turkiye": "Turkey", "cote d'ivoire": "Ivory Coast", "drc": "Congo",
    "democratic republic of congo": "Congo", "ksa": "Saudi Arabia",
}

COUNTRY_OF_ADJECTIVE: dict[str, str] = {}
COUNTRY_OF_CAPITAL: dict[str, str] = {}
COUNTRIES: set[str] = set()
for _line in _TABLE.strip().splitlines():
    _country, _adjectives, _capitals = _line.split("|")
    COUNTRIES.add(_country.lower())
    for _adjective in _adjectives.split(","):
        COUNTRY_OF_ADJECTIVE[_adjective.lower()] = _country
    if _country != "Europe":
        for _capital in _capitals.split(","):
            COUNTRY_OF_CAPITAL.setdefault(_capital.lower(), _country)
COUNTRY_OF_ADJECTIVE.pop("new zealand")  # the adjective is the name itself
COUNTRY_OF_CAPITAL.pop("singapore")      # a city-state: the city is the country

# Organisations the news names by their initials or one word, as written: the NER takes some for people ("The UN
# human rights chief" gave a person "UN", "reported her presence on Twitter" a person "Twitter"), and a person
# named "UN" or "Twitter" would be the "he" or "she" of the next sentence.
ORGANISATION_NAMES = frozenset("""
UN EU NATO IMF WHO WTO OPEC IAEA UNHCR UNICEF ICC ICJ OSCE ASEAN AU ANC PLO
FBI CIA NSA DHS DOJ EPA IRS FEC FDA CDC NASA SEC FCC ATF DEA ICE TSA NIH NRA ACLU NAACP AFL-CIO
GOP DNC RNC SNP CDU SPD BJP
BBC CNN NBC ABC CBS NPR PBS MSNBC AP AFP UPI ITV
Twitter Facebook YouTube Instagram TikTok WhatsApp Telegram Reddit Snapchat Google Microsoft
Reuters Breitbart Politico Axios Quinnipiac
""".split())

# Common first names in English-language news, by the pronoun they usually take.
MALE_FIRST_NAMES = frozenset("""
aaron abdul abdullah adam adrian ahmad ahmed alan albert alex alexander alexei ali andrew andy angus anthony
antonio arnold barack barry ben benjamin bernard bernie bill billy bob boris brad brian bruce carl carlos charles
charlie chris christian christopher chuck colin craig dan daniel danny dave david dennis dick don donald doug douglas
ed eddie edward emmanuel eric frank fred gary george gerald gordon greg gregory hamid harry hassan henry howard hugh
ian ivan jack jacob jake james jason jay jean jeb jeff jeffrey jeremy jerry jim jimmy joe joel john johnny jon
jonathan jorge jose joseph josh juan justin keith ken kevin khalid larry leon lindsey louis luis marco
mark martin matt matthew max michael mike mitch mitt mohamed mohammad mohammed muhammad nathan neil nicholas nick
nigel omar oliver patrick paul pete peter phil philip rahm rand ray recep richard rick rob robert roger ron ronald
roy russell ryan sam samuel scott sean sergei simon stephen steve steven ted terry thomas tim timothy tom tony
vladimir walter william xi yasser yusuf zeke
""".split())
FEMALE_FIRST_NAMES = frozenset("""
abigail alice alicia amanda amy ana andrea angela angelina ann anna anne barbara betsy betty carly carol caroline
catherine charlotte chelsea christina christine claire cynthia debbie deborah diane donna dorothy elena elizabeth
ellen emily emma fatima gillian grace hannah heather helen hillary huma ivanka jane janet janice jennifer jessica
jill joan joanna judith julia julie karen kate katherine kathleen kathy katie kellyanne kelly laura lauren linda
lisa liz lynn margaret maria marie marine martha mary megan melania melissa michelle monica nancy natalie navi
nicola nicole nikki olivia pamela patricia paula rachel rebecca rose ruth sally samantha sandra sarah sharon
shirley sophie stephanie susan suzanne theresa tulsi valerie victoria wendy yulia
""".split())
