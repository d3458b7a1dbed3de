import { describe, expect, it } from "vitest";
import { detectScript, isDistinctive, normaliseName, phoneticKey, scriptGroup } from "../../src/screening/normalise";

describe("normaliseName", () => {
  it.each([
    // [input, script, group, normalised, key]
    ["Zenith Orbital Technologies, L.L.C.", "latin", "latin", "zenith orbital technologies llc", "zenith orbital"],
    ["ZÜRICH Präzision GmbH", "latin", "latin", "zurich prazision gmbh", "zurich prazision"],
    ["Straße & Søn Co., Ltd.", "latin", "latin", "strasse and son co ltd", "strasse son"],
    ["O'Brien Holdings", "latin", "latin", "obrien holdings", "obrien"],
    ["National Research University", "latin", "latin", "national research university", "national research university"],
    ["ＡＣＭＥ　Ｔｒａｄｉｎｇ", "latin", "latin", "acme trading", "acme"],
    ["Рособоронэкспорт", "cyrillic", "latin", "rosoboroneksport", "rosoboroneksport"],
    ["ООО «Зенит Орбитал»", "cyrillic", "latin", "ooo zenit orbital", "zenit orbital"],
    ["Общество с ограниченной ответственностью «Ромашка»", "cyrillic", "latin", "ooo romashka", "romashka"],
    ["Акционерное общество Альфа", "cyrillic", "latin", "ao alfa", "alfa"],
    ["Public Joint Stock Company Alpha", "latin", "latin", "pjsc alpha", "alpha"],
    ["Παπαδόπουλος Ναυτιλιακή", "greek", "latin", "papadopoulos navtiliaki", "papadopoulos navtiliaki"],
    ["Արմեն Պետրոսյան", "armenian", "latin", "armen petrosyan", "armen petrosyan"],
    ["გიორგი ბერიძე", "georgian", "latin", "giorgi beridze", "giorgi beridze"],
    ["한국과학기술원", "hangul", "latin", "hanguggwahaggisulwon", "hanguggwahaggisulwon"],
    ["哈尔滨工业大学", "han", "cjk", "哈尔滨工业大学", "哈尔滨工业大学"],
    ["北辰光电 有限公司", "han", "cjk", "北辰光电有限公司", "北辰光电"],
    ["株式会社トウキョウ", "han", "cjk", "株式会社トウキョウ", "トウキョウ"],
    ["トウキョウ・テスト", "kana", "cjk", "トウキョウテスト", "トウキョウテスト"],
    ["شركة النور للتجارة العامة", "arabic", "arabic", "شركه النور للتجاره العامه", "شركه النور للتجاره العامه"],
    ["أحمد إبراهيم", "arabic", "arabic", "احمد ابراهيم", "احمد ابراهيم"],
    ["LLC", "latin", "latin", "llc", "llc"],
    ["!!!", "latin", "latin", "", ""],
  ])("%s", (input, script, group, normalised, key) => {
    const form = normaliseName(input);
    expect(form).toMatchObject({ script, group, normalised, key });
    expect(form.tokens.join(form.group === "cjk" ? "" : " ")).toBe(normalised);
  });

  it("never romanises Han: it has no Latin form to compare", () => {
    expect(scriptGroup(detectScript("HaErBin 哈尔滨"))).toBe("cjk");
  });
});

describe("phoneticKey", () => {
  it.each([
    ["mohammed", "muhammad"],
    ["khodorkovsky", "hodorkovskiy"],
    ["yuriy", "iurii"],
    ["tsar", "czar"],
  ])("%s and %s agree", (a, b) => {
    expect(phoneticKey(a)).toBe(phoneticKey(b));
  });

  it.each([
    ["petrov", "ivanov"],
    ["harbin", "herbal"],
  ])("%s and %s differ", (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });
});

describe("distinctive words", () => {
  it.each([
    ["harbin", true],
    ["zenith", true],
    ["institute", false],
    ["technology", false],
    ["llc", false],
    ["of", false],
    ["18", false],
  ])("%s: %s", (token, expected) => {
    expect(isDistinctive(token)).toBe(expected);
  });
});
