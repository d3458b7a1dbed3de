// Type-ahead for country lists: enhances every select[data-module="app-country-autocomplete"]
// with accessible-autocomplete (public/autocomplete, copied by scripts/build-assets.ts). The
// select stays in the page and is what the form sends, so without JavaScript, or if this
// fails, the plain select still works. What is typed matches any part of a country's listed
// name ("China (People's Republic of China)") or one of its other names (data-synonyms, a
// JSON object of code -> names, e.g. "UK"), ignoring capitals and accents.
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

function readSynonyms(select) {
  try {
    const parsed = JSON.parse(select.dataset.synonyms || "{}");
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

function enhance(select, accessibleAutocomplete) {
  const synonyms = readSynonyms(select);
  const entries = [...select.options]
    .filter((option) => option.value)
    .map((option) => {
      const names = [option.text, ...(Array.isArray(synonyms[option.value]) ? synonyms[option.value] : [])];
      return { text: option.text, terms: names.map(fold) };
    });
  const selected = select.options[select.selectedIndex];
  accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: selected && selected.value ? selected.text : "",
    showAllValues: true,
    // No inline completion: its second input has no label (axe), and the list says as much.
    autoselect: false,
    dropdownArrow: () => "",
    source(query, populate) {
      const wanted = fold(query.trim());
      if (!wanted) return populate(entries.map((entry) => entry.text));
      // A name typed in full first ("UK": the United Kingdom before Ukraine), then names that
      // start with it, then names that contain it; each group in list order.
      const rank = (entry) =>
        entry.terms.some((term) => term === wanted)
          ? 0
          : entry.terms.some((term) => term.startsWith(wanted))
            ? 1
            : entry.terms.some((term) => term.includes(wanted))
              ? 2
              : 3;
      const ranked = entries.map((entry) => ({ entry, rank: rank(entry) })).filter((item) => item.rank < 3);
      populate(ranked.sort((a, b) => a.rank - b.rank).map((item) => item.entry.text));
    },
  });
}

export async function enhanceCountrySelects() {
  const selects = document.querySelectorAll('select[data-module="app-country-autocomplete"]');
  if (selects.length === 0) return;
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = "/public/autocomplete/accessible-autocomplete.min.css";
  document.head.append(stylesheet);
  // A UMD bundle: run as a module it sets self.accessibleAutocomplete.
  await import("/public/autocomplete/accessible-autocomplete.min.js");
  const { accessibleAutocomplete } = self;
  if (!accessibleAutocomplete) return;
  for (const select of selects) enhance(select, accessibleAutocomplete);
}
