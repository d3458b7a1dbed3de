// Cambridge's six Schools, with a few departments each: enough for the demo and tests.
export const schools: { code: string; name: string; departments: { code: string; name: string }[] }[] = [
  {
    code: "AH",
    name: "Arts and Humanities",
    departments: [
      { code: "AMES", name: "Faculty of Asian and Middle Eastern Studies" },
      { code: "CLAS", name: "Faculty of Classics" },
      { code: "MMLL", name: "Faculty of Modern and Medieval Languages and Linguistics" },
    ],
  },
  {
    code: "HSS",
    name: "Humanities and Social Sciences",
    departments: [
      { code: "ECON", name: "Faculty of Economics" },
      { code: "HIST", name: "Faculty of History" },
      { code: "POLIS", name: "Department of Politics and International Studies" },
    ],
  },
  {
    code: "BIO",
    name: "Biological Sciences",
    departments: [
      { code: "BIOCHEM", name: "Department of Biochemistry" },
      { code: "GEN", name: "Department of Genetics" },
      { code: "PLANT", name: "Department of Plant Sciences" },
    ],
  },
  {
    code: "CM",
    name: "Clinical Medicine",
    departments: [
      { code: "MED", name: "Department of Medicine" },
      { code: "PHPC", name: "Department of Public Health and Primary Care" },
      { code: "CNEURO", name: "Department of Clinical Neurosciences" },
    ],
  },
  {
    code: "PS",
    name: "Physical Sciences",
    departments: [
      { code: "CHEM", name: "Yusuf Hamied Department of Chemistry" },
      { code: "PHYS", name: "Department of Physics" },
      { code: "EARTH", name: "Department of Earth Sciences" },
    ],
  },
  {
    code: "TECH",
    name: "Technology",
    departments: [
      { code: "ENG", name: "Department of Engineering" },
      { code: "CST", name: "Department of Computer Science and Technology" },
      { code: "CEB", name: "Department of Chemical Engineering and Biotechnology" },
    ],
  },
];
