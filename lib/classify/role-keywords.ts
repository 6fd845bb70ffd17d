/**
 * Role keyword facts: Dutch job titles, mail local parts and domain words per stakeholder group.
 *
 * Converted by hand from ../shared/data/stakeholder-role-keywords.json (a keyword taxonomy compiled
 * by hand for this project: facts, no licence terms) and extended where our tests showed gaps;
 * every addition is marked `added`. All entries are lower-case; the matcher folds accents and
 * treats hyphens as spaces, so "coördinator" and "directeur-bestuurder" match their plain forms.
 *
 * Titles match anywhere inside a word (Dutch compounds: "seniorbeleidsadviseur") but must end
 * where the word ends (so "minister" does not match "ministerie"); a plural -s is allowed.
 */

/** The keyword groups, in evaluation order: an earlier group wins when a signature has several. */
export const KEYWORD_GROUPS = ['bestuurder', 'raad', 'griffie', 'ambtelijke_top', 'ambtenaar', 'welzijn', 'bewoner'] as const;
export type KeywordGroup = (typeof KEYWORD_GROUPS)[number];

export const TITLES: Record<KeywordGroup, readonly string[]> = {
  bestuurder: [
    'burgemeester',
    'loco-burgemeester',
    'locoburgemeester',
    'waarnemend burgemeester',
    'wethouder',
    'locowethouder',
    'portefeuillehouder',
    'college van b&w',
    'college van burgemeester en wethouders',
    'gedeputeerde',
    'commissaris van de koning',
    'dijkgraaf',
    'heemraad',
    'minister',
    'staatssecretaris',
    'bestuurder',
    // added: the college's own staff counts as the college (PRODUCT.md: "their secretariaat")
    'secretariaat burgemeester',
    'secretariaat wethouder',
    'secretariaat college',
    'secretariaat b&w',
    'bestuurssecretariaat',
    'bestuurssecretaresse',
  ],
  raad: [
    'raadslid',
    'raadsleden', // added: plural, as in "Aan de raadsleden"
    'gemeenteraadslid',
    'fractievoorzitter',
    'vice-fractievoorzitter',
    'burgerraadslid',
    'burgerlid',
    'commissielid',
    'steunfractielid',
    'fractieassistent',
    'fractiemedewerker',
    'fractieondersteuner',
    'fractiesecretaris',
    'voorzitter gemeenteraad',
    'raadsvoorzitter',
    'plaatsvervangend voorzitter',
    'statenlid',
    'tweede kamerlid',
    'kamerlid',
    'fractie',
    'lid van de gemeenteraad', // added
    'lid gemeenteraad', // added
  ],
  griffie: [
    'griffier',
    'raadsgriffier',
    'plaatsvervangend griffier',
    'loco-griffier',
    'commissiegriffier',
    'statengriffier',
    'raadsadviseur',
    'griffiemedewerker',
    'medewerker griffie',
    'raadsondersteuner',
    'raadsondersteuning',
    'griffie',
    'raadsgriffie', // added
  ],
  ambtelijke_top: [
    'gemeentesecretaris',
    'algemeen directeur',
    'concerndirecteur',
    'directeur',
    'directeur sociaal domein',
    'directeur welzijn',
    'directeur samenleving',
    'directeur-bestuurder',
    'afdelingshoofd',
    'afdelingsmanager',
    'hoofd afdeling',
    'teamleider',
    'teammanager',
    'clustermanager',
    'manager',
    'sectorhoofd',
  ],
  ambtenaar: [
    'beleidsmedewerker',
    'beleidsadviseur',
    'senior beleidsadviseur',
    'strategisch adviseur',
    'strategisch beleidsadviseur',
    'beleidsondersteuner',
    'beleidsregisseur',
    'programmamanager',
    'programmaleider',
    'projectleider',
    'projectmanager',
    'projectmedewerker',
    'kwartiermaker',
    'accountmanager',
    'gebiedsregisseur',
    'wijkregisseur',
    'gebiedsmakelaar',
    'gebiedsmanager',
    'wijkmanager',
    'wijkcoördinator',
    'regisseur',
    'contractmanager',
    'inkoopadviseur',
    'subsidieadviseur',
    'subsidieconsulent',
    'communicatieadviseur',
    'juridisch adviseur',
    'bestuursadviseur',
    'adviseur',
    'consulent',
    'wmo-consulent',
    'klantmanager',
    'casemanager',
    'consulent werk en inkomen',
    'medewerker',
    'ambtenaar',
    'jurist',
    'woordvoerder',
    'bestuursondersteuner',
    'secretaresse',
    'managementassistent',
    'trainee',
    'beleidsambtenaar', // added
    'opdrachtgever', // added: "ambtelijk opdrachtgever"
    'ambtelijk opdrachtgever', // added
  ],
  welzijn: [
    'sociaal werker',
    'welzijnswerker',
    'opbouwwerker',
    'buurtwerker',
    'jongerenwerker',
    'ouderenwerker',
    'ouderenadviseur',
    'mantelzorgconsulent',
    'mantelzorgmakelaar',
    'vrijwilligerscoördinator',
    'coördinator vrijwilligerswerk',
    'consulent vrijwilligerswerk',
    'vrijwilligersconsulent',
    'vrijwilligersmakelaar',
    'makelaar vrijwillige inzet',
    'sociaal makelaar',
    'buurtcoach',
    'wijkcoach',
    'participatiecoach',
    'cliëntondersteuner',
    'maatschappelijk werker',
    'schuldhulpmaatje',
    'wijkteam',
    'sociaal team',
    'buurtteam',
    'directeur-bestuurder',
    'welzijnsconsulent', // added
    'coördinator welzijn', // added
    'vrijwilligerscentrale', // added: the organisation line of a signature
    'vrijwilligerspunt', // added
  ],
  bewoner: [
    'bewoner',
    'buurtbewoner',
    'inwoner',
    'namens de bewoners',
    'bewonerscommissie',
    'bewonersinitiatief',
    'bewonersorganisatie',
    'bewonersplatform', // added
    'buurtvereniging',
    'wijkvereniging',
    'wijkraad',
    'dorpsraad',
    'dorpsbelangen',
    'plaatselijk belang',
    'huurdersvereniging',
    'huurderskoepel',
    'vrijwilliger',
    'mantelzorger',
    // the source lists "adviesraad sociaal domein (lid)", "wmo-raad (lid)", "cliëntenraad (lid)":
    // residents who sit on an advisory council
    'adviesraad sociaal domein',
    'adviesraad',
    'wmo-raad',
    'cliëntenraad',
    'participatieraad', // added
    'seniorenraad', // added
  ],
};

/**
 * Titles that say "works for a public body" on their own. The other ambtenaar and ambtelijke_top
 * titles (adviseur, manager, projectleider, directeur, ...) are used by every employer, so they
 * only mean ambtenaar at a gemeente or other public body.
 */
export const PUBLIC_SECTOR_TITLES: readonly string[] = [
  'gemeentesecretaris',
  'concerndirecteur',
  'directeur sociaal domein',
  'directeur samenleving',
  'sectorhoofd',
  'beleidsmedewerker',
  'beleidsadviseur',
  'senior beleidsadviseur',
  'strategisch beleidsadviseur',
  'beleidsondersteuner',
  'beleidsregisseur',
  'beleidsambtenaar',
  'gebiedsregisseur',
  'wijkregisseur',
  'gebiedsmakelaar',
  'wijkmanager',
  'gebiedsmanager',
  'subsidieconsulent',
  'wmo-consulent',
  'klantmanager',
  'consulent werk en inkomen',
  'bestuursadviseur',
  'bestuursondersteuner',
  'ambtenaar',
  'ambtelijk opdrachtgever',
];

/** Titles of other tiers (province, water board, state): a bestuurder or raad, but not of a gemeente. */
export const NON_MUNICIPAL_TITLES: readonly string[] = [
  'gedeputeerde',
  'commissaris van de koning',
  'dijkgraaf',
  'heemraad',
  'minister',
  'staatssecretaris',
  'statenlid',
  'tweede kamerlid',
  'kamerlid',
  'statengriffier',
];

/**
 * Titles by which other people address or name someone ("Geachte wethouder Hoekstra", "Beste
 * raadslid", "Geachte griffier", "gesprek met wethouder Bakker", "namens wethouder Vos", "Dear
 * Councillor Smith"), per role. Singular forms only: "Geachte raadsleden" names a group, not the
 * one recipient. Matched case-insensitively on whole words (lib/classify/mentions.ts).
 */
export const MENTION_TITLES: Record<'wethouder' | 'gemeenteraad' | 'ambtenaar', readonly string[]> = {
  wethouder: [
    'wethouder',
    'locowethouder',
    'burgemeester',
    'loco-burgemeester',
    'locoburgemeester',
    'waarnemend burgemeester',
    'portefeuillehouder',
    'alderman',
    'alderwoman',
    'mayor',
    'deputy mayor',
  ],
  gemeenteraad: [
    'raadslid',
    'gemeenteraadslid',
    'burgerraadslid',
    'fractievoorzitter',
    'griffier',
    'raadsgriffier',
    'commissiegriffier',
    'loco-griffier',
    'councillor',
    'councilor',
    'council member',
    'councilmember',
    'council clerk',
    'clerk of the council',
  ],
  ambtenaar: ['gemeentesecretaris', 'municipal secretary'],
};

/**
 * Words that follow a title but are no name: a wethouder's portfolio ("wethouder Zorg en
 * Welzijn"), the place ("burgemeester van Zwolle" is lower-case "van"), and words a title-case
 * subject capitalises ("Meeting With Alderman About Funding").
 */
export const NOT_A_NAME: readonly string[] = [
  'zorg',
  'welzijn',
  'wonen',
  'onderwijs',
  'jeugd',
  'sport',
  'cultuur',
  'economie',
  'financien',
  'financiën',
  'duurzaamheid',
  'klimaat',
  'energie',
  'mobiliteit',
  'verkeer',
  'werk',
  'inkomen',
  'armoede',
  'participatie',
  'sociaal',
  'domein',
  'ruimte',
  'ruimtelijke',
  'ordening',
  'wijken',
  'wijk',
  'openbare',
  'orde',
  'veiligheid',
  'gezondheid',
  'wmo',
  'over',
  'en',
  'of',
  'met',
  'voor',
  'namens',
  'about',
  'and',
  'for',
  'on',
  'with',
  're',
  'fw',
  'fwd',
];

/** Words that are titles in a signature but also Dutch surnames, so they are not read in a display name. */
export const TITLES_THAT_ARE_SURNAMES: readonly string[] = ['dijkgraaf', 'heemraad'];

/** Local parts (the part before @) that say which group a mailbox belongs to. */
export const LOCAL_PARTS: Partial<Record<KeywordGroup, readonly string[]>> = {
  bestuurder: [
    'burgemeester',
    'wethouder',
    'college',
    'bestuurssecretariaat',
    'secretariaat.burgemeester',
    'secretariaatbenw',
    'bestuurszaken',
    'secretariaatwethouders', // added
    'collegevanbenw', // added
  ],
  raad: ['raad', 'gemeenteraad', 'raadsleden', 'fractie', 'raadsfractie', 'raadslid'],
  griffie: ['griffie', 'raadsgriffie', 'griffier', 'statengriffie', 'commissiegriffie'],
  // general mailboxes of an organisation: only meaningful at a gemeente
  ambtenaar: [
    'info',
    'gemeente',
    'post',
    'postbus',
    'kcc',
    'klantcontact',
    'woo',
    'subsidies',
    'wmo',
    'sociaaldomein',
    'vergunningen',
    'gemeentehuis', // added: the data file's general addresses (gemeentehuis@houten.nl, ...)
    'stadhuis', // added
    'stadskantoor', // added
    'contact', // added
    'antwoord', // added
    'secretariaat', // added
  ],
};

/**
 * Organisation-name keywords that are everyday words or phrases ("mee", "dock", "voor elkaar" as in
 * "we krijgen het voor elkaar", "welzijn" as in "Beleidsadviseur Welzijn"): never read in running
 * text. In a domain the short names count only as the whole label (dock.nl, not dockside.nl);
 * "welzijn" counts anywhere in a domain through WELFARE_DOMAIN_KEYWORDS.
 */
export const WELFARE_NAMES_ONLY_AS_DOMAIN_LABEL: readonly string[] = [
  'mee',
  'surplus',
  'travers',
  'sterker',
  'alifa',
  'de schoor',
  'dock',
  'dynamo',
  'civic',
  'doras',
  'xtra',
  'piezo',
  'radius',
  'voor elkaar',
  'welzijn',
  'sociaal werk',
];

/** Words in a domain that mark a welfare organisation. "voorelkaar" is not here: see organisation.ts. */
export const WELFARE_DOMAIN_KEYWORDS: readonly string[] = [
  'welzijn',
  'vrijwillig',
  'vrijwilligers',
  'sociaalwerk',
  'wijkteam',
  'buurtteam',
  'sociaalteam',
  'mantelzorg',
  'humanitas',
  'zonnebloem',
  'rodekruis',
  'leger-des-heils',
  'legerdesheils',
  'vluchtelingenwerk',
  'voedselbank',
  'schuldhulpmaatje',
  'steunpunt',
  'buurtwerk', // added: welfare work in an organisation's domain
  'wijkwerk', // added
  'opbouwwerk', // added
];

/**
 * Names of welfare organisations and words in them (for signatures and, compacted, for domains).
 * Short or everyday words ("dock", "radius", "surplus") only count as a whole domain label.
 */
export const WELFARE_ORG_NAME_KEYWORDS: readonly string[] = [
  'vrijwilligerscentrale',
  'vrijwilligerspunt',
  'vrijwilligersplatform',
  'vrijwilligerscentrum',
  'steunpunt vrijwilligerswerk',
  'welzijn',
  'sociaal werk',
  'voor elkaar',
  'humanitas',
  'zonnebloem',
  'rode kruis',
  'leger des heils',
  'vluchtelingenwerk',
  'voedselbank',
  'mee',
  'incluzio',
  'participe',
  'kwadraad',
  'contourdetwern',
  'surplus',
  'wijeindhoven',
  'wij groningen',
  'stimenz',
  'travers',
  'sterker',
  'bindkracht10',
  'rijnstad',
  'alifa',
  'wijkracht',
  'de schoor',
  'dock',
  'dynamo',
  'combiwel',
  'civic',
  'swazoom',
  'doras',
  'xtra',
  'zebra welzijn',
  'piezo',
  'indebuurt033',
  'radius',
  'haarlem effect',
];

/** Words in a domain or an organisation name that mark a residents' platform. */
export const RESIDENT_PLATFORM_KEYWORDS: readonly string[] = [
  'dorpsraad',
  'wijkraad',
  'bewoners',
  'bewonersvereniging',
  'bewonersplatform',
  'bewonerscommissie',
  'bewonersorganisatie',
  'bewonersinitiatief',
  'buurtvereniging',
  'wijkvereniging',
  'dorpsbelangen',
  'plaatselijkbelang',
  'huurdersvereniging',
  'huurders',
  'wijkplatform',
  'buurtplatform',
  'buurtinitiatief',
  'wijkbelangen',
  'buurtbelangen',
  'stadsdorp',
];

/** National parties by mail domain (from the notes of the source's raad group, plus denk, fvd, pvv). */
export const PARTY_DOMAINS: Record<string, string> = {
  'vvd.nl': 'VVD',
  'd66.nl': 'D66',
  'groenlinks.nl': 'GroenLinks',
  'pvda.nl': 'PvdA',
  'groenlinkspvda.nl': 'GroenLinks-PvdA',
  'cda.nl': 'CDA',
  'sp.nl': 'SP',
  'christenunie.nl': 'ChristenUnie',
  'sgp.nl': 'SGP',
  'partijvoordedieren.nl': 'Partij voor de Dieren',
  'volt.org': 'Volt',
  'voltnederland.org': 'Volt', // added
  'bbb.nl': 'BBB',
  'boerburgerbeweging.nl': 'BBB', // added
  'ja21.nl': 'JA21',
  '50pluspartij.nl': '50PLUS',
  'denk.nl': 'DENK',
  'bewegingdenk.nl': 'DENK', // added
  'fvd.nl': 'FvD',
  'pvv.nl': 'PVV',
};

/** Party short names as they appear inside local-branch domains ("d66zwolle.nl", "vvd-amsterdam.nl"). */
export const PARTY_DOMAIN_WORDS: Record<string, string> = {
  groenlinkspvda: 'GroenLinks-PvdA',
  glpvda: 'GroenLinks-PvdA',
  groenlinks: 'GroenLinks',
  pvda: 'PvdA',
  vvd: 'VVD',
  d66: 'D66',
  cda: 'CDA',
  christenunie: 'ChristenUnie',
  sgp: 'SGP',
  pvdd: 'Partij voor de Dieren',
  partijvoordedieren: 'Partij voor de Dieren',
  volt: 'Volt',
  bbb: 'BBB',
  ja21: 'JA21',
  denk: 'DENK',
};

/** Words that mark a local party in a domain ("leefbaarrotterdam.nl", "gemeentebelangen-x.nl"). */
export const LOCAL_PARTY_KEYWORDS: readonly string[] = [
  'leefbaar',
  'lokaal',
  'gemeentebelangen',
  'gemeentebelang',
  'stadsbelangen',
  'stadsbelang',
  'burgerbelangen',
  'dorpspartij',
  'stadspartij',
  'ouderenpartij',
];
