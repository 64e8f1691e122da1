// Name pools for fixtures. Real lobbies see every alphabet's romanization, so the pools are built
// to exercise what breaks naive code: accents (Núñez), letters that do not decompose (Ł, ø, đ, ß),
// Turkish dotless/dotted i (Yılmaz, İpek), apostrophes (O'Brien), hyphens and spaces in surnames.
// Pure data: no logic beyond grouping by origin, which the fixture uses to keep households coherent
// and to lean a resident's language towards Spanish or French when the name suggests it.

export type NameOrigin =
  | 'english'
  | 'spanish'
  | 'french'
  | 'portuguese'
  | 'italian'
  | 'german'
  | 'polish'
  | 'hungarian'
  | 'nordic'
  | 'irish'
  | 'greek'
  | 'turkish'
  | 'arabic'
  | 'vietnamese'
  | 'chinese'
  | 'korean'
  | 'indian'
  | 'yoruba';

export interface NamePool {
  readonly first: readonly string[];
  readonly last: readonly string[];
}

export const NAME_POOLS: Readonly<Record<NameOrigin, NamePool>> = {
  english: {
    first: ['Emily', 'James', 'Olivia', 'Michael', 'Grace', 'Ethan', 'Zoë'],
    last: ['Smith', 'Johnson', 'Williams', 'Taylor', 'Brown', 'Carter', 'Smith-Jones'],
  },
  spanish: {
    first: ['José', 'María José', 'Sofía', 'Álvaro', 'Begoña', 'Martín', 'Lucía', 'Iñaki'],
    last: ['Núñez', 'Peña', 'Muñoz', 'García Márquez', 'Ibáñez', 'Rodríguez', 'Sánchez', 'Ordóñez'],
  },
  french: {
    first: ['Hélène', 'François', 'Chloé', 'Gaëlle', 'Benoît', 'Anaïs', 'Jérôme'],
    last: ['Lefèvre', 'Dubois', 'Lemaître', 'Moreau', 'Noël', "D'Amboise", 'Bélanger'],
  },
  portuguese: {
    first: ['João', 'Conceição', 'Inês', 'Gonçalo', 'Joana'],
    last: ['Gonçalves', 'Simões', 'Brandão', 'Magalhães', 'Araújo'],
  },
  italian: {
    first: ['Giuseppe', 'Niccolò', 'Francesca', 'Chiara'],
    last: ['De Luca', 'Esposito', 'Ricci', "D'Angelo"],
  },
  german: {
    first: ['Jürgen', 'Anneliese', 'Jörg', 'Käthe', 'Lukas'],
    last: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler'],
  },
  polish: {
    first: ['Łukasz', 'Małgorzata', 'Grzegorz', 'Zofia', 'Wojciech'],
    last: ['Wójcik', 'Kowalski', 'Wiśniewska', 'Dąbrowski', 'Żak'],
  },
  hungarian: {
    first: ['Erzsébet', 'Gergő', 'Zsófia'],
    last: ['Kovács', 'Szőke', 'Tóth'],
  },
  nordic: {
    first: ['Søren', 'Åsa', 'Bjørn', 'Sigríður', 'Jóhannes', 'Ægir'],
    last: ['Sørensen', 'Åberg', 'Lindqvist', 'Jóhannsdóttir', 'Østergaard'],
  },
  irish: {
    first: ['Siobhán', 'Niamh', 'Seán', 'Aoife', 'Pádraig'],
    last: ["O'Brien", "O'Connor", 'Ó Súilleabháin', 'MacCarthy', 'Ní Bhriain'],
  },
  greek: {
    first: ['Eleni', 'Giorgos', 'Dimitris', 'Katerina'],
    last: ['Papadopoulos', 'Georgiou', 'Nikolaidis', 'Christodoulou'],
  },
  turkish: {
    first: ['Ayşe', 'Mehmet', 'Gülşen', 'Oğuz', 'İpek'],
    last: ['Şahin', 'Çelik', 'Yılmaz', 'Öztürk', 'Doğan'],
  },
  arabic: {
    first: ['Fatima', 'Youssef', 'Layla', 'Omar', 'Nour', 'Karim'],
    last: ['Haddad', 'Al-Farsi', 'Khoury', 'Abdel-Rahman', 'Mansour'],
  },
  vietnamese: {
    first: ['Thảo', 'Minh', 'Hương', 'Đức', 'Ngọc Anh'],
    last: ['Nguyễn', 'Trần', 'Phạm', 'Lê', 'Hoàng'],
  },
  chinese: {
    first: ['Wei', 'Xiuying', 'Jun', 'Mei', 'Zhiwei'],
    last: ['Wang', 'Zhang', 'Chen', 'Liu', 'Lü'],
  },
  korean: {
    first: ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun'],
    last: ['Kim', 'Lee', 'Park', 'Choi', 'Jung'],
  },
  indian: {
    first: ['Priya', 'Arjun', 'Ananya', 'Rohan'],
    last: ['Patel', 'Iyer', 'Raghunathan', 'Chaudhary'],
  },
  yoruba: {
    first: ['Adébáyọ̀', 'Funmilayo', 'Oluwaseun'],
    last: ['Okafor', 'Adeyemi', 'Ogunlesi'],
  },
};

/** How often each origin heads a household in the fixture (relative weights, not percentages). */
export const ORIGIN_WEIGHTS: readonly (readonly [NameOrigin, number])[] = [
  ['english', 22],
  ['spanish', 16],
  ['french', 9],
  ['portuguese', 4],
  ['italian', 4],
  ['german', 4],
  ['polish', 4],
  ['hungarian', 2],
  ['nordic', 3],
  ['irish', 5],
  ['greek', 3],
  ['turkish', 3],
  ['arabic', 5],
  ['vietnamese', 4],
  ['chinese', 5],
  ['korean', 3],
  ['indian', 4],
  ['yoruba', 2],
];

/** Who may collect a resident's packages for them; null means the resident did not say. */
export const PICKUP_RELATIONSHIPS: readonly (string | null)[] = [
  'Partner',
  'Nanny',
  'Neighbour',
  'Dog walker',
  'Assistant',
  'Sister',
  'Son',
  'Cleaner',
  null,
];
