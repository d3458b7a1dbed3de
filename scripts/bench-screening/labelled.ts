// The labelled set for `npm run bench:screening`: invented listed entries (no real
// person's or company's data) and queries an officer might type, each labelled "should be
// flagged against this entry" or "should not". Written by hand: transliterations,
// original scripts, sister institutions, look-alikes; generated from them by the
// benchmark: typos, word order, legal-form suffixes.
export interface BenchName {
  name: string;
  nameType?: "primary" | "variation" | "alias";
  aliasStrength?: "good" | "low";
  /** For non-Latin names: the UK list's "Non-latin script language". */
  language?: string;
}

export interface BenchEntry {
  id: string;
  type: "person" | "organisation";
  country: string;
  names: BenchName[];
  /** Queries that must be flagged against this entry: [query, kind]. */
  positives: [string, string][];
  /** Queries that must not be: [query, kind]. */
  negatives: [string, string][];
}

export const benchEntries: BenchEntry[] = [
  {
    id: "BNC0001",
    type: "organisation",
    country: "Russia",
    names: [
      { name: "ZENITH ORBITAL TECHNOLOGIES LLC" },
      { name: "ООО «Зенит Орбитал Технолоджис»", language: "Russian" },
      { name: "ZENITH ORBITAL", nameType: "alias", aliasStrength: "good" },
      { name: "ZOT", nameType: "alias", aliasStrength: "low" },
    ],
    positives: [
      ["Зенит Орбитал Технолоджис", "original script"],
      ["Zenit Orbital Tekhnolodzhis", "transliteration"],
      ["ZOT", "weak alias, exact"],
      ["Zenith Orbital", "alias"],
    ],
    negatives: [
      ["Zenith Orbital Systems", "look-alike"],
      ["Zenith Bank", "look-alike"],
      ["ZOTA", "weak alias, near"],
    ],
  },
  {
    id: "BNC0002",
    type: "organisation",
    country: "China",
    names: [
      { name: "NORTHERN LIGHTS INSTITUTE OF PHOTONICS" },
      { name: "北辰光电研究院", language: "Chinese" },
      { name: "BEICHEN PHOTONICS RESEARCH INSTITUTE", nameType: "alias", aliasStrength: "good" },
    ],
    positives: [
      ["北辰光电研究院", "original script"],
      ["Beichen Photonics Research Institute", "alias"],
      ["Northern Lights Inst. of Photonics", "abbreviation"],
    ],
    negatives: [
      ["Northern Lights University of Photonics", "sister institution"],
      ["北辰光电大学", "sister institution"],
      ["Southern Lights Institute of Photonics", "sister institution"],
      ["Beichen", "romanised Han"],
    ],
  },
  {
    id: "BNC0003",
    type: "organisation",
    country: "Russia",
    names: [
      { name: "EASTERN STATE INSTITUTE OF AVIONICS" },
      { name: "Восточный государственный институт авионики", language: "Russian" },
    ],
    positives: [
      ["Vostochnyy Gosudarstvennyy Institut Avioniki", "transliteration"],
      ["Восточный государственный институт авионики", "original script"],
    ],
    negatives: [
      ["Eastern State University of Avionics", "sister institution"],
      ["Western State Institute of Avionics", "sister institution"],
      ["Eastern State Institute of Economics", "sister institution"],
    ],
  },
  {
    id: "BNC0004",
    type: "organisation",
    country: "Syria",
    names: [
      { name: "AL-NOOR GENERAL TRADING COMPANY" },
      { name: "شركة النور للتجارة العامة", language: "Arabic" },
      { name: "NOOR TRADING", nameType: "alias", aliasStrength: "low" },
    ],
    positives: [
      ["Al Nour General Trading Co.", "transliteration"],
      ["شركة النور للتجارة العامة", "original script"],
      ["Alnoor General Trading", "spacing"],
      ["Noor Trading", "weak alias, exact"],
    ],
    negatives: [
      ["Al-Noor Medical Centre", "look-alike"],
      ["Noor Trading House", "weak alias, near"],
      ["شركة النور للمقاولات", "look-alike"],
    ],
  },
  {
    id: "BNC0005",
    type: "organisation",
    country: "China",
    names: [{ name: "HARBIN INSTITUTE OF PRECISION OPTICS" }, { name: "哈尔滨精密光学研究所", language: "Chinese" }],
    positives: [
      ["Harbin Institute of Precision Optics Co., Ltd.", "legal form"],
      ["哈尔滨精密光学研究所", "original script"],
    ],
    negatives: [
      ["Harbin Engineering University", "sister institution"],
      ["Harbin University of Precision Optics", "sister institution"],
      ["哈尔滨精密光学大学", "sister institution"],
      ["Harbin Institute of Technology", "sister institution"],
    ],
  },
  {
    id: "BNC0006",
    type: "organisation",
    country: "Russia",
    names: [{ name: "KAZAN AEROSPACE INSTRUMENTS PLANT NO 3" }],
    positives: [["Kazan Aerospace Instruments Plant No. 3", "punctuation"]],
    negatives: [
      ["Kazan Aerospace Instruments Plant No 4", "sister institution"],
      ["Kazan Federal University", "look-alike"],
    ],
  },
  {
    id: "BNC0007",
    type: "organisation",
    country: "Russia",
    names: [
      { name: "PJSC SIBERIAN MACHINE BUILDING WORKS" },
      { name: "ПАО «Сибирский машиностроительный завод»", language: "Russian" },
    ],
    positives: [
      ["Siberian Machine Building Works", "legal form"],
      ["Public Joint Stock Company Siberian Machine Building Works", "legal form"],
      ["Сибирский машиностроительный завод", "original script"],
    ],
    negatives: [
      ["Siberian Machine Tools", "look-alike"],
      ["Ural Machine Building Works", "look-alike"],
    ],
  },
  {
    id: "BNC0008",
    type: "organisation",
    country: "Iran",
    names: [{ name: "CRESCENT PETROCHEMICAL INDUSTRIES CO" }],
    positives: [
      ["Crescent Petrochemical Industries Company", "legal form"],
      ["Crescent Petro Chemical Industries", "spacing"],
    ],
    negatives: [
      ["Crescent Bank", "look-alike"],
      ["Crescent Petrochemical Trading", "look-alike"],
    ],
  },
  {
    id: "BNC0009",
    type: "organisation",
    country: "Hong Kong",
    names: [{ name: "GOLDEN DRAGON SHIPPING LIMITED" }, { name: "金龙航运有限公司", language: "Chinese" }],
    positives: [
      ["Golden Dragon Shipping Ltd", "legal form"],
      ["金龙航运", "original script"],
    ],
    negatives: [
      ["Golden Dragon Restaurant", "look-alike"],
      ["Golden Phoenix Shipping Limited", "look-alike"],
      ["金凤航运有限公司", "look-alike"],
    ],
  },
  {
    id: "BNC0010",
    type: "organisation",
    country: "China",
    names: [
      { name: "TIANJIN ADVANCED COMPOSITES RESEARCH CENTRE" },
      { name: "天津先进复合材料研究中心", language: "Chinese" },
    ],
    positives: [
      ["Tianjin Advanced Composites Research Center", "spelling"],
      ["天津先进复合材料研究中心", "original script"],
    ],
    negatives: [
      ["Tianjin University", "look-alike"],
      ["天津先进复合材料有限公司", "sister institution"],
    ],
  },
  {
    id: "BNC0011",
    type: "organisation",
    country: "Belarus",
    names: [
      { name: "MINSK PRECISION ELECTRONICS JSC" },
      { name: "ОАО «Минская точная электроника»", language: "Russian" },
    ],
    positives: [
      ["Minsk Precision Electronics", "legal form"],
      ["OAO Minsk Precision Electronics", "legal form"],
      ["Минская точная электроника", "original script"],
    ],
    negatives: [["Minsk Tractor Works", "look-alike"]],
  },
  {
    id: "BNC0012",
    type: "organisation",
    country: "North Korea",
    names: [{ name: "PYONGYANG UNITED TRADING CORPORATION" }, { name: "평양연합무역회사", language: "Korean" }],
    positives: [
      ["Pyongyang United Trading Corp.", "legal form"],
      ["평양연합무역회사", "original script"],
    ],
    negatives: [["Pyongyang Medical University", "look-alike"]],
  },
  {
    id: "BNC0013",
    type: "organisation",
    country: "Iran",
    names: [{ name: "SHIRAZ NUCLEAR INSTRUMENTS COMPANY" }, { name: "شرکت ابزار هسته ای شیراز", language: "Persian" }],
    positives: [
      ["Shiraz Nuclear Instruments Co", "legal form"],
      ["شركت ابزار هسته اي شيراز", "original script, Arabic letter forms"],
    ],
    negatives: [["Shiraz University of Medical Sciences", "look-alike"]],
  },
  {
    id: "BNC0014",
    type: "organisation",
    country: "United Arab Emirates",
    names: [{ name: "BLUE HORIZON MARITIME SERVICES FZE" }],
    positives: [
      ["Blue Horizon Maritime Services", "legal form"],
      ["Blue Horizon Maritime Services F.Z.E.", "punctuation"],
    ],
    negatives: [
      ["Blue Horizon Travel", "look-alike"],
      ["Red Horizon Maritime Services FZE", "look-alike"],
    ],
  },
  {
    id: "BNC0015",
    type: "organisation",
    country: "Russia",
    names: [{ name: "BOREAL POLAR GEOPHYSICS LLC" }, { name: "ООО «Бореал Полар Геофизика»", language: "Russian" }],
    positives: [
      ["Boreal Polar Geophysics", "legal form"],
      ["Бореал Полар Геофизика", "original script"],
    ],
    negatives: [
      ["Boreal Polar Logistics", "look-alike"],
      ["Polar Geophysical Institute", "look-alike"],
    ],
  },
  {
    id: "BNC0016",
    type: "organisation",
    country: "Russia",
    names: [{ name: "NOVOSIBIRSK QUANTUM DEVICES JOINT STOCK COMPANY" }],
    positives: [
      ["Novosibirsk Quantum Devices JSC", "legal form"],
      ["AO Novosibirsk Quantum Devices", "legal form"],
    ],
    negatives: [
      ["Novosibirsk State University", "look-alike"],
      ["Moscow Quantum Devices JSC", "look-alike"],
    ],
  },
  {
    id: "BNC0017",
    type: "organisation",
    country: "China",
    names: [
      { name: "SHENZHEN SILVERLINE MICROSYSTEMS CO., LTD." },
      { name: "深圳银线微系统有限公司", language: "Chinese" },
    ],
    positives: [
      ["Shenzhen Silverline Microsystems", "legal form"],
      ["深圳银线微系统有限公司", "original script"],
      ["Silverline Microsystems Shenzhen", "word order"],
    ],
    negatives: [
      ["Shenzhen Goldline Microsystems Co Ltd", "look-alike"],
      ["深圳银河微系统有限公司", "look-alike"],
    ],
  },
  {
    id: "BNC0018",
    type: "organisation",
    country: "Iran",
    names: [{ name: "PARS ROTOR DYNAMICS ENGINEERING" }],
    positives: [["Pars Rotor Dynamics Engineering Co.", "legal form"]],
    negatives: [
      ["Pars Oil and Gas Company", "look-alike"],
      ["Rotor Dynamics Institute", "look-alike"],
    ],
  },
  {
    id: "BNC0019",
    type: "organisation",
    country: "Myanmar",
    names: [{ name: "IRRAWADDY JADE AND GEMS HOLDINGS" }],
    positives: [["Irrawaddy Jade & Gems Holdings", "ampersand"]],
    negatives: [["Irrawaddy River Cruises", "look-alike"]],
  },
  {
    id: "BNC0020",
    type: "organisation",
    country: "Belarus",
    names: [{ name: "GRODNO OPTO-MECHANICAL PLANT" }],
    positives: [
      ["Grodno Optomechanical Plant", "spacing"],
      ["Grodno Opto Mechanical Plant", "punctuation"],
    ],
    negatives: [
      ["Grodno Azot", "look-alike"],
      ["Grodno State Medical University", "look-alike"],
    ],
  },
  {
    id: "BNC0021",
    type: "person",
    country: "Russia",
    names: [
      { name: "Boris Arkadyevich KRASNOPEVTSEV" },
      { name: "Краснопевцев Борис Аркадьевич", language: "Russian" },
      { name: "Borys KRASNOPIEVTSEV", nameType: "alias", aliasStrength: "good" },
    ],
    positives: [
      ["Boris Krasnopevtsev", "middle name left out"],
      ["Краснопевцев Борис", "original script"],
      ["Krasnopevtsev Boris Arkadievich", "transliteration"],
      ["Borys Krasnopievtsev", "alias"],
    ],
    negatives: [
      ["Boris Krasnov", "look-alike"],
      ["Arkady Krasnopevtsev", "look-alike"],
    ],
  },
  {
    id: "BNC0022",
    type: "person",
    country: "Syria",
    names: [
      { name: "Khalid Omar AL-RASHIDI" },
      { name: "خالد عمر الراشدي", language: "Arabic" },
      { name: "Abu TARIQ", nameType: "alias", aliasStrength: "low" },
    ],
    positives: [
      ["Khaled Omar Al Rashidi", "transliteration"],
      ["خالد عمر الراشدي", "original script"],
      ["Abu Tariq", "weak alias, exact"],
      ["Al-Rashidi, Khalid", "word order"],
    ],
    negatives: [
      ["Khalid Al-Mansouri", "look-alike"],
      ["Abu Tareq", "weak alias, near"],
    ],
  },
  {
    id: "BNC0023",
    type: "person",
    country: "Iraq",
    names: [{ name: "Yusuf Ibrahim AL-DARWISHI" }, { name: "يوسف إبراهيم الدرويشي", language: "Arabic" }],
    positives: [
      ["Youssef Ibrahim Al Darwishi", "transliteration"],
      ["Yousef Ebrahim Aldarwishi", "transliteration"],
      ["يوسف ابراهيم الدرويشي", "original script, Arabic letter forms"],
    ],
    negatives: [["Yusuf Al-Hashimi", "look-alike"]],
  },
  {
    id: "BNC0024",
    type: "person",
    country: "China",
    names: [{ name: "ZHAO Minghui" }, { name: "赵明辉", language: "Chinese" }],
    positives: [
      ["赵明辉", "original script"],
      ["Zhao Minghui", "exact"],
      ["Minghui Zhao", "word order"],
    ],
    negatives: [
      ["赵明慧", "one character different"],
      ["Zhao Weiguo", "look-alike"],
    ],
  },
  {
    id: "BNC0025",
    type: "person",
    country: "Georgia",
    names: [{ name: "Giorgi BERIDZE" }, { name: "გიორგი ბერიძე", language: "Georgian" }],
    positives: [
      ["გიორგი ბერიძე", "original script"],
      ["George Beridze", "transliteration"],
    ],
    negatives: [["Giorgi Kapanadze", "look-alike"]],
  },
  {
    id: "BNC0026",
    type: "person",
    country: "Armenia",
    names: [{ name: "Armen PETROSYAN" }, { name: "Արմեն Պետրոսյան", language: "Armenian" }],
    positives: [
      ["Արմեն Պետրոսյան", "original script"],
      ["Armen Petrossian", "transliteration"],
    ],
    negatives: [["Armen Petrov", "look-alike"]],
  },
  {
    id: "BNC0027",
    type: "person",
    country: "Greece",
    names: [{ name: "Nikolaos PAPADOPOULOS" }, { name: "Νικόλαος Παπαδόπουλος", language: "Greek" }],
    positives: [
      ["Νικόλαος Παπαδόπουλος", "original script"],
      ["Nikolas Papadopoulos", "spelling"],
    ],
    negatives: [["Nikolaos Papadakis", "look-alike"]],
  },
  {
    id: "BNC0028",
    type: "person",
    country: "North Korea",
    names: [{ name: "KIM Chol Jin" }, { name: "김철진", language: "Korean" }],
    positives: [
      ["김철진", "original script"],
      ["Kim Chol-Jin", "punctuation"],
    ],
    negatives: [
      ["김철수", "look-alike"],
      ["Kim Yong Su", "look-alike"],
    ],
  },
  {
    id: "BNC0029",
    type: "person",
    country: "Russia",
    names: [{ name: "Sergei Viktorovich ZHURAVLEV" }, { name: "Журавлёв Сергей Викторович", language: "Russian" }],
    positives: [
      ["Sergey Zhuravlyov", "transliteration"],
      ["Журавлёв Сергей", "original script"],
      ["Zhuravlev Sergei Viktorovich", "word order"],
    ],
    negatives: [
      ["Sergei Zhuravsky", "look-alike"],
      ["Viktor Zhuravlev", "look-alike"],
    ],
  },
  {
    id: "BNC0030",
    type: "person",
    country: "Ukraine",
    names: [{ name: "Olena Mykolaivna KOVALENKO" }, { name: "Коваленко Олена Миколаївна", language: "Ukrainian" }],
    positives: [
      ["Olena Kovalenko", "middle name left out"],
      ["Elena Kovalenko", "transliteration"],
      ["Коваленко Олена", "original script"],
    ],
    negatives: [["Olena Kovalchuk", "look-alike"]],
  },
  {
    id: "BNC0031",
    type: "person",
    country: "Lebanon",
    names: [{ name: "Tariq Mahmoud HADDAD" }, { name: "طارق محمود حداد", language: "Arabic" }],
    positives: [
      ["Tarek Mahmud Haddad", "transliteration"],
      ["طارق محمود حداد", "original script"],
    ],
    negatives: [
      ["Tariq Haddadin", "look-alike"],
      ["Mahmoud Abbas Haddad", "look-alike"],
    ],
  },
  {
    id: "BNC0032",
    type: "person",
    country: "Germany",
    names: [{ name: "Hans-Jürgen MÜLLER-LÜDENSCHEIDT" }],
    positives: [
      ["Hans Juergen Mueller Luedenscheidt", "transliteration"],
      ["Hans-Jurgen Muller-Ludenscheidt", "accents"],
    ],
    negatives: [["Hans-Peter Lüdecke", "look-alike"]],
  },
  {
    id: "BNC0033",
    type: "person",
    country: "Russia",
    names: [{ name: "Mikhail Borisovich KHODYREV" }, { name: "Ходырев Михаил Борисович", language: "Russian" }],
    positives: [
      ["Mikhail Khodyrev", "middle name left out"],
      ["Michail Chodyrew", "transliteration (German)"],
      ["Khodyrev Mikhail Borisovich", "word order"],
    ],
    negatives: [["Mikhail Khodorov", "look-alike"]],
  },
  {
    id: "BNC0034",
    type: "person",
    country: "Iran",
    names: [{ name: "Mohammad Reza SHAHVARANI" }, { name: "محمدرضا شهورانی", language: "Persian" }],
    positives: [
      ["Mohammed Reza Shahvarani", "transliteration"],
      ["Muhammad-Reza Shahvarani", "transliteration"],
    ],
    negatives: [
      ["Mohammad Reza Shahbazi", "look-alike"],
      ["Reza Shahvar", "look-alike"],
    ],
  },
  {
    id: "BNC0035",
    type: "person",
    country: "Japan",
    names: [{ name: "TANAKA Hiroshi" }, { name: "田中宏", language: "Japanese" }],
    positives: [
      ["田中宏", "original script"],
      ["Hiroshi Tanaka", "word order"],
    ],
    negatives: [
      ["田中浩", "one character different"],
      ["Tanaka Hiroki", "look-alike"],
    ],
  },
];
