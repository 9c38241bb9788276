/**
 * Hand-kept actor data that the `world-countries` package does not carry: French capitals and
 * metonyms, compound prefixes, organisations, people, media, places, plus the phrases and names
 * the matcher must treat with care.
 *
 * Alias conventions (read by the matcher):
 * - `Moscou`, `Maison Blanche`: a name. Its first capitalised word that is not an article must be
 *   capitalised in the text; other words match in any case. Names of 3 characters or fewer
 *   (`UE`, `Xi`, `AP`) match only with that exact case.
 * - `russe`, `houthi`: a lower-case word (demonym, adjective). Matches in any case, with its
 *   feminine and plural forms.
 * - `russo-`: a compound prefix. Matches only when a hyphen follows (`russo-chinois`).
 * - `l'Union`: matches only right after an elided `l'`.
 */

export interface CountryExtra {
  /** Display name when the package's French common name is unfit (`Congo (Rép. dém.)`). */
  name?: string;
  /**
   * Capitals and cities in French (`Moscou`): aliases too, but `à Moscou` after a meeting word may
   * be only where something happens (see `roles.ts`).
   */
  cities?: string[];
  /** Metonyms, other spellings, adjectives. */
  aliases?: string[];
  /** Package-derived aliases to drop (lower-cased comparison after folding). */
  drop?: string[];
}

/** Keyed by ISO 3166-1 alpha-3 code. */
export const COUNTRY_EXTRAS: Record<string, CountryExtra> = {
  RUS: { cities: ['Moscou'], aliases: ['Kremlin', 'russo-'] },
  CHN: { cities: ['Pékin', 'Beijing'], aliases: ['Zhongnanhai', 'RPC', 'sino-'] },
  USA: {
    cities: ['Washington'],
    aliases: [
      'Maison Blanche', 'Bureau ovale', 'Pentagone', "Département d'État", 'USA', 'Oncle Sam',
      'étasunien', 'états-unien', 'américano-', 'étatsuno-',
    ],
  },
  UKR: { cities: ['Kyiv', 'Kiev', 'Kyïv'], aliases: ['Bankova', 'ukraino-'] },
  IRN: { cities: ['Téhéran'], aliases: ['irano-'] },
  GBR: { cities: ['Londres'], aliases: ['Downing Street', 'Grande-Bretagne', 'Angleterre', 'Whitehall', 'anglo-', 'britanno-'] },
  FRA: { cities: ['Paris'], aliases: ['Élysée', "Quai d'Orsay", 'Matignon', 'Hexagone', 'franco-'] },
  ISR: { cities: ['Tel-Aviv', 'Jérusalem'], aliases: ['Knesset', 'Tsahal', 'État hébreu', 'israélo-'] },
  TUR: { cities: ['Ankara'], aliases: ['Türkiye', 'turco-'] },
  DEU: { cities: ['Berlin'], aliases: ['Bundestag', 'germano-'] },
  ITA: { cities: ['Rome'], aliases: ['italo-'] },
  IND: { cities: ['New Delhi'], aliases: ['indo-'] },
  JPN: { cities: ['Tokyo'], aliases: ['nippo-', 'japono-'] },
  KOR: { cities: ['Séoul'], aliases: ['coréano-'] },
  PRK: { cities: ['Pyongyang'], aliases: ['nord-coréano-'] },
  SAU: { cities: ['Riyad', 'Riyadh'], aliases: ['saoudo-'] },
  ARE: { cities: ['Abou Dhabi'], aliases: ['Émirats', 'émirati'] },
  EGY: { cities: ['Le Caire'], aliases: ['égypto-'] },
  SYR: { cities: ['Damas'], aliases: ['syro-'] },
  LBN: { cities: ['Beyrouth'], aliases: ['libano-'] },
  IRQ: { cities: ['Bagdad'], aliases: ['Iraq', 'irako-'] },
  AFG: { cities: ['Kaboul'], aliases: ['afghano-'] },
  PAK: { cities: ['Islamabad'], aliases: ['pakistano-'] },
  BLR: { cities: ['Minsk'], aliases: ['Bélarus', 'Belarus', 'biélorusso-'] },
  POL: { cities: ['Varsovie'], aliases: ['polono-'] },
  ESP: { cities: ['Madrid'], aliases: ['hispano-'] },
  BEL: { drop: ['brussels'] },
  NLD: { cities: ['La Haye'], aliases: ['néerlando-'] },
  CHE: { cities: ['Berne'], aliases: ['helvético-'] },
  GRC: { cities: ['Athènes'], aliases: ['gréco-'] },
  SRB: { cities: ['Belgrade'], aliases: ['serbo-'] },
  ARM: { cities: ['Erevan'], aliases: ['arméno-'] },
  AZE: { cities: ['Bakou'], aliases: ['azéri', 'azéro-'] },
  GEO: { cities: ['Tbilissi'] },
  KAZ: { aliases: ['kazakh'] },
  MDA: { cities: ['Chisinau'], aliases: ['Moldova'] },
  CZE: { cities: ['Prague'], aliases: ['République tchèque'] },
  HUN: { aliases: ['hungaro-'] },
  AUT: { cities: ['Vienne'], aliases: ['austro-'] },
  ROU: { cities: ['Bucarest'], aliases: ['roumano-'] },
  DNK: { cities: ['Copenhague'], aliases: ['dano-'] },
  FIN: { aliases: ['finno-'] },
  SWE: { aliases: ['suédo-'] },
  NOR: { aliases: ['norvégo-'] },
  LTU: { aliases: ['lituano-'] },
  VNM: { cities: ['Hanoï'], aliases: ['Vietnam', 'Viet Nam', 'vietnamo-'] },
  MMR: { aliases: ['Myanmar'] },
  PHL: { cities: ['Manille'] },
  TWN: { cities: ['Taipei', 'Taïpei'], aliases: ['Formose', 'taïwano-'] },
  CAN: { aliases: ['canado-'] },
  MEX: { cities: ['Mexico'], aliases: ['mexicano-'] },
  BRA: { cities: ['Brasilia'], aliases: ['brésilo-'] },
  VEN: { aliases: ['vénézuélo-'] },
  CUB: { cities: ['La Havane'], aliases: ['cubano-'] },
  COL: { cities: ['Bogota'] },
  ZAF: { aliases: ['sud-africano-'] },
  NGA: { aliases: ['Nigeria'] },
  ETH: { cities: ['Addis-Abeba'], aliases: ['éthiopo-'] },
  COD: { name: 'République démocratique du Congo', cities: ['Kinshasa'], aliases: ['RDC', 'Congo-Kinshasa'] },
  COG: { name: 'République du Congo', cities: ['Brazzaville'], aliases: ['Congo-Brazzaville'] },
  CIV: { cities: ['Abidjan'] },
  DZA: { cities: ['Alger'], aliases: ['algéro-'] },
  MAR: { aliases: ['maroco-'] },
  TUN: { aliases: ['tuniso-'] },
  YEM: { cities: ['Sanaa'] },
  KWT: { cities: ['Koweït City'] },
  OMN: { cities: ['Mascate'] },
  QAT: { aliases: ['qatari'] },
  PSE: { cities: ['Ramallah'], aliases: ['Autorité palestinienne', 'palestino-'] },
  PLW: { name: 'Palaos' },
  SXM: { name: 'Sint Maarten' },
  SWZ: { aliases: ['Eswatini'] },
  CPV: { aliases: ['Cap-Vert'] },
  MUS: { aliases: ['Maurice'] },
  SYC: { drop: ['victoria'] },
};

/**
 * Capitals in the package (in English) that are also common words, first names or other
 * places: never used as aliases.
 */
export const SKIPPED_CAPITALS = [
  'Victoria', 'Kingston', 'Hamilton', 'Georgetown', 'Douglas', 'Stanley', 'Santiago', 'Sucre', 'Praia', 'Malé',
  "Saint John's", "St. George's", 'San José', 'Brussels', 'Saint-Denis', 'Saint-Pierre', 'Basse-Terre', 'Nassau',
  'Roseau', 'Castries', 'Victoria', 'The Valley', 'Plymouth', 'Jamestown', 'Lima', 'Apia', 'Kingstown', 'Moroni',
];

/** States that no longer exist but still make the news. */
export const FORMER_STATES: CuratedActor[] = [
  { id: 'country:SUN', name: 'URSS', aliases: ['Union soviétique', 'soviétique', 'soviéto-'] },
];

/** Organisations: alliances, institutions, armed groups, agencies, companies. */
export interface CuratedActor {
  id: string;
  name: string;
  aliases: string[];
  /** Cities among its names (`Bruxelles` for the EU): see `CountryExtra.cities`. */
  cities?: string[];
}

export const ORGANISATIONS: CuratedActor[] = [
  { id: 'org:nato', name: 'OTAN', aliases: ['NATO', 'Otan', 'Alliance atlantique', "Organisation du traité de l'Atlantique nord"] },
  {
    id: 'org:eu',
    name: 'Union européenne',
    cities: ['Bruxelles'],
    // `les 27` is read in context by `roles.ts`; `Vingt-Huit` for the years 2013–2020.
    aliases: [
      'UE', "l'Union", 'Commission européenne', 'Conseil européen', 'Parlement européen', 'Vingt-Sept', 'Vingt-Huit',
      'Europe des Vingt-Sept', 'Europe des 27', 'Europe à 27', 'Europe à Vingt-Sept',
    ],
  },
  { id: 'org:un', name: 'ONU', aliases: ['Nations unies', 'Organisation des Nations unies', 'Conseil de sécurité'] },
  { id: 'org:csto', name: 'OTSC', aliases: ['Organisation du traité de sécurité collective'] },
  { id: 'org:g7', name: 'G7', aliases: [] },
  { id: 'org:g20', name: 'G20', aliases: [] },
  { id: 'org:brics', name: 'BRICS', aliases: ['Brics'] },
  { id: 'org:wto', name: 'OMC', aliases: ['Organisation mondiale du commerce'] },
  { id: 'org:imf', name: 'FMI', aliases: ['Fonds monétaire international'] },
  { id: 'org:world-bank', name: 'Banque mondiale', aliases: [] },
  { id: 'org:hamas', name: 'Hamas', aliases: [] },
  { id: 'org:hezbollah', name: 'Hezbollah', aliases: ['Hizbollah', 'Hezbollah libanais'] },
  { id: 'org:houthis', name: 'Houthis', aliases: ['Houthi', 'houthi', 'Ansar Allah'] },
  { id: 'org:iaea', name: 'AIEA', aliases: ["Agence internationale de l'énergie atomique"] },
  { id: 'org:osce', name: 'OSCE', aliases: ['Organisation pour la sécurité et la coopération en Europe'] },
  { id: 'org:arab-league', name: 'Ligue arabe', aliases: [] },
  { id: 'org:african-union', name: 'Union africaine', aliases: ['UA'] },
  { id: 'org:ecowas', name: 'CEDEAO', aliases: ["Communauté économique des États de l'Afrique de l'Ouest"] },
  { id: 'org:asean', name: 'ASEAN', aliases: ['ANASE'] },
  { id: 'org:opec', name: 'OPEP', aliases: ['OPEC', 'Organisation des pays exportateurs de pétrole'] },
  { id: 'org:sco', name: 'Organisation de coopération de Shanghai', aliases: ['OCS'] },
  { id: 'org:icc', name: 'Cour pénale internationale', aliases: ['CPI'] },
  { id: 'org:icj', name: 'Cour internationale de justice', aliases: ['CIJ'] },
  { id: 'org:who', name: 'OMS', aliases: ['Organisation mondiale de la santé'] },
  { id: 'org:council-of-europe', name: "Conseil de l'Europe", aliases: [] },
  { id: 'org:eaeu', name: 'Union économique eurasiatique', aliases: ['UEE'] },
  { id: 'org:gcc', name: 'Conseil de coopération du Golfe', aliases: ['CCG'] },
  { id: 'org:aukus', name: 'AUKUS', aliases: ['Aukus'] },
  { id: 'org:ecb', name: 'Banque centrale européenne', aliases: ['BCE'] },
  { id: 'org:isis', name: 'État islamique', aliases: ['Daech', 'Daesh', 'EI', 'ISIS'] },
  { id: 'org:al-qaeda', name: 'Al-Qaïda', aliases: ['Al-Qaida', 'al-Qaïda'] },
  { id: 'org:taliban', name: 'Talibans', aliases: ['taliban', 'Taliban'] },
  { id: 'org:wagner', name: 'Wagner', aliases: ['groupe Wagner', 'Africa Corps'] },
  { id: 'org:pkk', name: 'PKK', aliases: ['Parti des travailleurs du Kurdistan'] },
  { id: 'org:cia', name: 'CIA', aliases: [] },
  { id: 'org:fsb', name: 'FSB', aliases: [] },
  { id: 'org:mossad', name: 'Mossad', aliases: [] },
  { id: 'org:sbu', name: 'SBU', aliases: [] },
  { id: 'org:gazprom', name: 'Gazprom', aliases: [] },
  { id: 'org:rosatom', name: 'Rosatom', aliases: [] },
  { id: 'org:red-cross', name: 'Croix-Rouge', aliases: ['CICR', 'Comité international de la Croix-Rouge'] },
  { id: 'org:unrwa', name: 'UNRWA', aliases: [] },
  { id: 'org:unhcr', name: 'HCR', aliases: ['Haut-Commissariat des Nations unies pour les réfugiés'] },
  { id: 'org:amnesty', name: 'Amnesty International', aliases: [] },
  { id: 'org:hrw', name: 'Human Rights Watch', aliases: [] },
  { id: 'org:msf', name: 'Médecins sans frontières', aliases: ['MSF'] },
  { id: 'org:isw', name: 'Institute for the Study of War', aliases: ['ISW'] },
  { id: 'org:fed', name: 'Réserve fédérale', aliases: ['Fed'] },
];

/** People: an actor of their own. `surname: null` when the bare surname is too ambiguous. */
export interface CuratedPerson {
  name: string;
  aliases?: string[];
  /** Default: the last word of the name. */
  surname?: string | null;
}

export const PEOPLE: CuratedPerson[] = [
  { name: 'Vladimir Poutine', aliases: ['Vladimir Putin', 'Putin'] },
  { name: 'Donald Trump', aliases: [] },
  { name: 'Xi Jinping', surname: 'Xi' },
  { name: 'Volodymyr Zelensky', aliases: ['Volodymyr Zelenskyy', 'Zelenskyy', 'Zelenski', 'Volodymyr Zelenski', 'Vladimir Zelensky'] },
  { name: 'Dmitri Peskov', aliases: ['Dmitry Peskov', 'Dmitriy Peskov'] },
  { name: 'Sergueï Lavrov', aliases: ['Sergey Lavrov', 'Sergei Lavrov'] },
  { name: 'Iouri Ouchakov', aliases: ['Yuri Ushakov', 'Youri Ouchakov', 'Yuri Uchakov', 'Iouri Ushakov', 'Ushakov', 'Uchakov'] },
  { name: 'Steve Witkoff', aliases: ['Vittkoff', 'Whitkoff', 'Witkov', 'Steve Vittkoff', 'Steve Whitkoff'] },
  { name: 'Emmanuel Macron', aliases: [] },
  { name: 'Joe Biden', aliases: [] },
  { name: 'Benyamin Netanyahou', aliases: ['Benjamin Netanyahu', 'Benjamin Netanyahou', 'Netanyahu', 'Nétanyahou', 'Bibi Netanyahou'] },
  { name: 'Recep Tayyip Erdogan', aliases: ['Erdoğan', 'Tayyip Erdogan'] },
  { name: 'Ramzan Kadyrov', aliases: [] },
  { name: 'Bachar al-Assad', aliases: ['Bachar el-Assad', 'Bashar al-Assad', 'Assad'], surname: null },
  { name: 'Kim Jong-un', aliases: ['Kim Jong Un'], surname: null },
  { name: 'Narendra Modi', aliases: [] },
  { name: 'Ali Khamenei', aliases: ['Ali Khameneï', 'Khameneï', 'ayatollah Khamenei'] },
  { name: 'Marco Rubio', aliases: [] },
  { name: 'J.D. Vance', aliases: ['JD Vance', 'James David Vance'] },
  { name: 'Keir Starmer', aliases: [] },
  { name: 'Friedrich Merz', aliases: [] },
  { name: 'Ursula von der Leyen', surname: 'von der Leyen' },
  { name: 'Mark Rutte', aliases: [] },
  { name: 'António Guterres', aliases: ['Antonio Guterres'] },
  { name: 'Yang Jiechi', surname: null },
  { name: 'Wang Yi', surname: null },
  { name: 'Li Qiang', surname: null },
  { name: 'Dmitri Medvedev', aliases: ['Dmitry Medvedev'] },
  { name: 'Sergueï Choïgou', aliases: ['Sergueï Choïgu', 'Sergei Shoigu', 'Choïgou', 'Shoigu'] },
  { name: 'Andreï Belooussov', aliases: ['Andrei Belousov', 'Belousov'] },
  { name: 'Valeri Guerassimov', aliases: ['Valery Gerasimov', 'Gerasimov'] },
  { name: 'Evgueni Prigojine', aliases: ['Evgeny Prigozhin', 'Prigozhin'] },
  { name: 'Maria Zakharova', aliases: [] },
  { name: 'Kirill Dmitriev', aliases: [] },
  { name: 'Alexeï Navalny', aliases: ['Alexei Navalny'] },
  { name: 'Ioulia Navalnaïa', aliases: ['Yulia Navalnaya'] },
  { name: 'Alexandre Loukachenko', aliases: ['Alexandre Lukashenko', 'Alexander Lukashenko', 'Lukashenko'] },
  { name: 'Andriy Yermak', aliases: ['Andriï Iermak', 'Iermak'] },
  { name: 'Dmytro Kouleba', aliases: ['Dmytro Kuleba', 'Kuleba'] },
  { name: 'Andriï Sybiha', aliases: ['Andrii Sybiha'] },
  { name: 'Oleksandr Syrsky', aliases: ['Oleksandr Syrskyi', 'Syrskyi'] },
  { name: 'Valeri Zaloujny', aliases: ['Valerii Zaluzhnyi', 'Zaluzhnyi'] },
  { name: 'Rustem Umerov', aliases: ['Roustem Oumerov', 'Oumerov'] },
  { name: 'Petro Porochenko', aliases: ['Petro Poroshenko', 'Poroshenko'] },
  { name: 'Antony Blinken', aliases: [] },
  { name: 'Lloyd Austin', surname: null },
  { name: 'Pete Hegseth', aliases: [] },
  { name: 'Mike Waltz', aliases: [] },
  { name: 'Keith Kellogg', aliases: [] },
  { name: 'Kamala Harris', aliases: [] },
  { name: 'Barack Obama', aliases: [] },
  { name: 'Elon Musk', aliases: [] },
  { name: 'Tulsi Gabbard', aliases: [] },
  { name: 'Olaf Scholz', aliases: [] },
  { name: 'Boris Johnson', surname: null },
  { name: 'Rishi Sunak', aliases: [] },
  { name: 'Giorgia Meloni', aliases: [] },
  { name: 'Viktor Orban', aliases: ['Viktor Orbán'] },
  { name: 'Robert Fico', aliases: [] },
  { name: 'Donald Tusk', aliases: [] },
  { name: 'Andrzej Duda', aliases: [] },
  { name: 'Pedro Sánchez', surname: null },
  { name: 'Jens Stoltenberg', aliases: [] },
  { name: 'Josep Borrell', aliases: [] },
  { name: 'Kaja Kallas', aliases: [] },
  { name: 'António Costa', aliases: ['Antonio Costa'], surname: null },
  { name: 'Maia Sandu', aliases: [] },
  { name: 'Nikol Pachinian', aliases: ['Nikol Pashinyan', 'Pashinyan'] },
  { name: 'Ilham Aliev', aliases: ['Ilham Aliyev', 'Aliyev'] },
  { name: 'Kassym-Jomart Tokaïev', aliases: ['Kassym-Jomart Tokayev', 'Tokayev'] },
  { name: 'Hakan Fidan', aliases: [] },
  { name: 'Masoud Pezeshkian', aliases: ['Massoud Pezeshkian'] },
  { name: 'Ebrahim Raïssi', aliases: ['Ebrahim Raisi', 'Raisi'] },
  { name: 'Abbas Araghchi', aliases: ['Abbas Araqchi'] },
  { name: 'Mohammed ben Salmane', aliases: ['Mohammed bin Salman', 'MBS', 'ben Salmane'], surname: null },
  { name: 'Mohammed ben Zayed', aliases: ['Mohammed bin Zayed', 'MBZ'], surname: null },
  { name: 'Tamim ben Hamad Al Thani', aliases: ['Tamim al-Thani'], surname: null },
  { name: 'Abdel Fattah al-Sissi', aliases: ['Abdel Fattah al-Sisi', 'al-Sissi', 'Sissi'], surname: null },
  { name: 'Mahmoud Abbas', surname: null },
  { name: 'Ismaïl Haniyeh', aliases: ['Ismail Haniyeh'] },
  { name: 'Yahya Sinouar', aliases: ['Yahya Sinwar', 'Sinwar'] },
  { name: 'Hassan Nasrallah', aliases: [] },
  { name: 'Naïm Qassem', aliases: ['Naim Qassem'] },
  { name: 'Ahmed al-Charaa', aliases: ['Ahmed al-Sharaa', 'al-Charaa', 'Abou Mohammed al-Joulani', 'al-Joulani'], surname: null },
  { name: 'Yoav Gallant', aliases: [] },
  { name: 'Israel Katz', aliases: [] },
  { name: 'Benny Gantz', aliases: [] },
  { name: 'Bezalel Smotrich', aliases: [] },
  { name: 'Itamar Ben Gvir', aliases: ['Itamar Ben-Gvir', 'Ben-Gvir'], surname: 'Ben Gvir' },
  { name: 'Isaac Herzog', aliases: [] },
  { name: 'Yaïr Lapid', aliases: ['Yair Lapid'] },
  { name: 'Shehbaz Sharif', surname: null },
  { name: 'Lai Ching-te', surname: null },
  { name: 'Tsai Ing-wen', surname: null },
  { name: 'Shigeru Ishiba', aliases: [] },
  { name: 'Fumio Kishida', aliases: [] },
  { name: 'Yoon Suk-yeol', surname: null },
  { name: 'Lee Jae-myung', surname: null },
  { name: 'Luiz Inácio Lula da Silva', aliases: ['Lula'], surname: null },
  { name: 'Javier Milei', aliases: [] },
  { name: 'Nicolás Maduro', aliases: ['Nicolas Maduro'] },
  { name: 'Cyril Ramaphosa', aliases: [] },
  { name: 'Abiy Ahmed', surname: null },
  { name: 'Paul Kagame', aliases: [] },
  { name: 'Félix Tshisekedi', aliases: [] },
  { name: 'Assimi Goïta', aliases: ['Assimi Goita'] },
  { name: 'Ibrahim Traoré', surname: null },
  { name: 'Abdourahamane Tiani', aliases: [] },
  { name: 'Abdelmadjid Tebboune', aliases: [] },
  { name: 'Kaïs Saïed', aliases: ['Kais Saied'] },
  { name: 'Min Aung Hlaing', surname: null },
  { name: 'Prabowo Subianto', aliases: ['Prabowo'] },
  { name: 'Justin Trudeau', aliases: [] },
  { name: 'Mark Carney', aliases: [] },
  { name: 'Claudia Sheinbaum', aliases: [] },
  { name: 'Marine Le Pen', surname: 'Le Pen' },
  { name: 'Jean-Noël Barrot', aliases: [] },
  { name: 'Sébastien Lecornu', aliases: [] },
  { name: 'François Bayrou', aliases: [] },
  { name: 'Michel Barnier', aliases: [] },
  { name: 'Rafael Grossi', aliases: [] },
  { name: 'Kristalina Georgieva', aliases: [] },
  { name: 'Vassili Nebenzia', aliases: ['Vassily Nebenzia'] },
  { name: 'Sergueï Riabkov', aliases: ['Sergei Ryabkov', 'Ryabkov'] },
  { name: 'Mikhaïl Michoustine', aliases: ['Mikhail Mishustin', 'Mishustin'] },
  { name: 'Elvira Nabioullina', aliases: ['Elvira Nabiullina', 'Nabiullina'] },
];

/** News media and agencies: counted as sources a briefing cites. */
export const MEDIA: Array<{ name: string; aliases: string[] }> = [
  { name: 'Wall Street Journal', aliases: ['WSJ', 'The Wall Street Journal'] },
  { name: 'Bloomberg', aliases: [] },
  { name: 'Financial Times', aliases: ['FT'] },
  { name: 'Washington Post', aliases: ['The Washington Post'] },
  { name: 'New York Times', aliases: ['NYT', 'The New York Times'] },
  { name: 'Reuters', aliases: [] },
  { name: 'AFP', aliases: ['Agence France-Presse'] },
  { name: 'Associated Press', aliases: ['AP'] },
  { name: 'BBC', aliases: [] },
  { name: 'CNN', aliases: [] },
  { name: 'Le Monde', aliases: [] },
  { name: 'Le Figaro', aliases: ['Figaro'] },
  { name: 'Les Échos', aliases: [] },
  { name: 'Le Parisien', aliases: [] },
  { name: 'Mediapart', aliases: [] },
  { name: 'France 24', aliases: [] },
  { name: 'RFI', aliases: ['Radio France internationale'] },
  { name: 'Franceinfo', aliases: ['France Info'] },
  { name: 'France Inter', aliases: [] },
  { name: 'France Télévisions', aliases: [] },
  { name: 'Ouest-France', aliases: [] },
  { name: 'Euronews', aliases: [] },
  { name: 'Courrier international', aliases: [] },
  { name: 'Global Times', aliases: [] },
  { name: 'Xinhua', aliases: ['Chine nouvelle'] },
  { name: 'South China Morning Post', aliases: ['SCMP'] },
  { name: 'TASS', aliases: ['Tass'] },
  { name: 'RIA Novosti', aliases: [] },
  { name: 'RT', aliases: ['Russia Today'] },
  { name: 'Sputnik', aliases: ['Spoutnik'] },
  { name: 'Interfax', aliases: [] },
  { name: 'Kommersant', aliases: [] },
  { name: 'Izvestia', aliases: [] },
  { name: 'Meduza', aliases: [] },
  { name: 'Kyiv Independent', aliases: ['The Kyiv Independent'] },
  { name: 'Kyiv Post', aliases: [] },
  { name: 'Ukrainska Pravda', aliases: [] },
  { name: 'Al Jazeera', aliases: ['Al-Jazeera'] },
  { name: 'Al Arabiya', aliases: ['Al-Arabiya'] },
  { name: 'Haaretz', aliases: [] },
  { name: 'Times of Israel', aliases: ['The Times of Israel'] },
  { name: 'Jerusalem Post', aliases: ['The Jerusalem Post'] },
  { name: 'Politico', aliases: [] },
  { name: 'The Economist', aliases: ['Economist'] },
  { name: 'Axios', aliases: [] },
  { name: 'The Guardian', aliases: ['Guardian'] },
  { name: 'The Telegraph', aliases: ['Daily Telegraph'] },
  { name: 'Der Spiegel', aliases: ['Spiegel'] },
  { name: 'Die Welt', aliases: [] },
  { name: 'Bild', aliases: [] },
  { name: 'Fox News', aliases: [] },
  { name: 'CBS', aliases: ['CBS News'] },
  { name: 'NBC', aliases: ['NBC News'] },
  { name: 'Newsweek', aliases: [] },
  { name: 'Foreign Affairs', aliases: [] },
  { name: 'Foreign Policy', aliases: [] },
  { name: 'Nikkei', aliases: [] },
  { name: 'Yonhap', aliases: [] },
  { name: 'Anadolu', aliases: [] },
  { name: 'IRNA', aliases: [] },
  // Titles that hold a place's name: the longest match makes them media, not the place.
  { name: 'Radio Free Europe', aliases: ['Radio Liberty', 'RFE/RL', 'Radio Svoboda'] },
  { name: 'Radio Free Asia', aliases: [] },
  { name: 'Voice of America', aliases: ['VOA'] },
  { name: 'Europe 1', aliases: [] },
  { name: 'The Moscow Times', aliases: ['Moscow Times'] },
  { name: 'Novaïa Gazeta', aliases: ['Novaya Gazeta'] },
  { name: 'Le Monde diplomatique', aliases: ['Monde diplomatique'] },
  { name: 'Radio-Canada', aliases: [] },
  { name: 'Deutsche Welle', aliases: ['DW'] },
  { name: 'Times of India', aliases: ['The Times of India'] },
  { name: 'Tehran Times', aliases: [] },
  { name: 'China Daily', aliases: [] },
];

/**
 * Regions and territories that are not countries. A demonym is listed only where it means the
 * region itself (`criméen`, `gazaoui`, `sahélien`), never one that names a people or a language
 * across borders (`kurde`, `catalan`, `caucasien`) or a direction (`occidental`).
 */
export const PLACES: Array<{ name: string; aliases: string[] }> = [
  { name: 'Gaza', aliases: ['bande de Gaza', 'gazaoui'] },
  { name: 'Cisjordanie', aliases: ['cisjordanien'] },
  { name: 'Crimée', aliases: ['criméen'] },
  { name: 'Donbass', aliases: ['Donbas'] },
  { name: 'Donetsk', aliases: [] },
  { name: 'Louhansk', aliases: ['Lougansk', 'Luhansk'] },
  { name: 'Zaporijjia', aliases: ['Zaporijia', 'Zaporizhzhia'] },
  { name: 'Kherson', aliases: [] },
  { name: 'Kharkiv', aliases: ['Kharkov'] },
  { name: 'Koursk', aliases: ['Kursk'] },
  { name: 'Haut-Karabagh', aliases: ['Haut-Karabakh', 'Nagorny-Karabakh', 'Karabakh', 'Karabagh'] },
  { name: 'Tchétchénie', aliases: ['tchétchène'] },
  { name: 'Moyen-Orient', aliases: ['moyen-oriental'] },
  { name: 'Proche-Orient', aliases: ['proche-oriental'] },
  { name: 'Caucase', aliases: [] },
  { name: 'Sahel', aliases: ['sahélien'] },
  { name: 'Occident', aliases: ['Occidentaux'] },
  { name: 'Europe', aliases: [] },
  { name: 'Indo-Pacifique', aliases: [] },
  { name: 'mer Noire', aliases: [] },
  { name: 'mer Rouge', aliases: [] },
  { name: 'mer de Chine méridionale', aliases: ['mer de Chine'] },
  { name: "détroit d'Ormuz", aliases: ['Ormuz'] },
  { name: 'détroit de Taïwan', aliases: [] },
  { name: 'Arctique', aliases: [] },
  { name: 'Kosovo du Nord', aliases: [] },
  { name: 'Tibet', aliases: ['tibétain'] },
  { name: 'Kurdistan', aliases: [] },
  { name: 'Catalogne', aliases: [] },
];

/**
 * Names that are also first names, common nouns or other places when capitalised: they match only
 * mid-sentence, after a lower-case word and not before another capitalised word (`Maurice Audin`).
 */
export const AMBIGUOUS_NAMES = [
  'Dominique', 'Maurice', 'Grenade', 'Réunion', 'Jersey', 'Man', 'Salvador', 'Philippine', 'Vienne', 'Chili',
  'Wagner',
];

/**
 * Phrases that contain an alias but designate none of the actors: matched like aliases, longest
 * wins, and yield no mention (`océan Indien` is not India, `montagnes russes` not Russia).
 */
export const BLOCKED_PHRASES = [
  'océan Indien', 'Indiens d’Amérique', 'à la turque', 'tête de turc', 'fort comme un turc', 'montagnes russes',
  'roulette russe', 'poupées russes', 'poupée russe', 'salade russe', 'ombres chinoises', 'casse-tête chinois',
  "c'est du chinois", 'filer à l’anglaise', 'anglo-saxon', 'anglo-saxonne', 'anglo-saxons', 'anglo-saxonnes',
  'indo-européen', 'indo-européenne', 'indo-européens', 'indo-pacifique', 'austro-hongrois', 'austro-hongroise', 'serbo-croate', 'gréco-romain', 'gréco-romaine',
  'latino-américain', 'latino-américaine', 'latino-américains', 'latino-américaines', 'sud-américain',
  'sud-américaine', 'sud-américains', 'sud-américaines', 'nord-américain', 'nord-américaine', 'nord-américains',
  'nord-américaines', 'Paris Saint-Germain', 'AP-HP', 'franco de port', 'Champs-Élysées',
];
