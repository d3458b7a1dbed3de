// Administration of the reference data: an overview, an edit page per list (each edit goes
// into the one draft), reviewing, publishing or discarding the draft. Admins only.
import type { Response } from "express";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageContext, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { allCountries, countryName } from "../domain/countries";
import { ActionNotAllowedError, NotFoundError } from "../domain/errors";
import { nsiSectorIds, nsiSectorLabels } from "../domain/questions";
import { countryRestrictionTypes, type CountryRestriction } from "../rules/types";
import { signOffUrls } from "../signOff/urls";
import type { ReferenceData } from "./defaults";
import { DraftEditRefused, ReferenceDataChanged } from "./draftService";
import { diffReference } from "./diff";
import {
  countryListBySlug,
  countryListInfo,
  countryListKeys,
  restrictionTypeLabels,
  settingLabels,
  type CountryListKey,
} from "./lists";
import {
  countryForm,
  countryRemoveForm,
  discardForm,
  publishForm,
  restrictionForm,
  restrictionRemoveForm,
  sectorForm,
  sectorRemoveForm,
  settingsForm,
  type RestrictionForm,
} from "./referenceForms";
import { referenceUrls } from "./urls";

const adminOnly = rolesOnly("ADMIN");
type Context = PageContext<typeof adminOnly>;

interface PageOptions {
  status?: number;
  errors?: FormErrors;
  values?: Record<string, unknown>;
}

const entryKey = (entry: CountryRestriction) => JSON.stringify(entry);
const changedMessage = (version: number) =>
  `Someone else changed the reference data (it is now version ${version}) since you opened this page, so nothing was saved. Check the page as it is now and try again.`;

const goneEntry = () =>
  new DraftEditRefused(
    "form",
    "That entry changed or was removed since you opened this page (someone else edited the draft), so nothing was saved. Check the list as it is now.",
  );

function restrictionFrom(form: RestrictionForm): CountryRestriction {
  return {
    country: form.country,
    type: form.type,
    scope: form.scope === "none" ? null : form.scope,
    name: form.name,
    source: form.source,
    asOf: form.asOf,
  };
}

export function referenceAdminRoutes(services: Services): PageRoute[] {
  const { referenceDrafts, config } = services;

  /** Renders an edit page with the draft's state; every page shares the title's "Error: " and the error summary. */
  async function render(
    res: Response,
    view: string,
    title: string,
    model: Record<string, unknown>,
    options: PageOptions = {},
  ) {
    const state = await referenceDrafts.state();
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render(`reference/${view}`, {
      title: `${errors.list.length > 0 ? "Error: " : ""}${title}`,
      heading: title,
      backLink: referenceUrls.overview,
      published: state.published,
      draft: state.draft,
      data: state.data,
      urls: referenceUrls,
      errors,
      values: options.values ?? {},
      ...model,
    });
  }

  /** Runs an edit of the draft; a refused one shows its page again, with the message beside its field. */
  async function edit(
    { res, user }: Context,
    what: string,
    change: (data: ReferenceData) => ReferenceData,
    done: string,
    again: (options: PageOptions) => Promise<void>,
    values: Record<string, unknown>,
    seenRevision?: string,
  ) {
    try {
      await referenceDrafts.edit(user, what, change, seenRevision);
      res.redirect(303, done);
    } catch (error) {
      if (error instanceof DraftEditRefused)
        return again({ status: 400, values, errors: withHref(fromMessages({ [error.field]: error.message })) });
      if (error instanceof ReferenceDataChanged)
        return again({
          status: 409,
          values,
          errors: withHref(fromMessages({ form: changedMessage(error.currentVersion) })),
        });
      throw error;
    }
  }

  /** The errors in the order of the form's fields, the summary linking to each. */
  const restrictionFields = ["form", "country", "type", "scope", "name", "source", "asOf"];
  const inOrder = (errors: FormErrors, order: string[]) => withHref(fromMessages(errors.byField, order));
  const withHref = (errors: FormErrors): FormErrors => ({
    ...errors,
    list: errors.list.map((error) => (error.field === "form" ? { ...error, href: "#main-content" } : error)),
  });

  const countryItems = [
    { value: "", text: "Select a country" },
    ...allCountries().map((c) => ({ value: c.code, text: c.name })),
  ];

  function listOf(req: Context["req"]): CountryListKey {
    const key = countryListBySlug(String(req.params.list));
    if (!key) throw new NotFoundError();
    return key;
  }

  const renderCountryList = (context: Context, options: PageOptions = {}) => {
    const key = listOf(context.req);
    const info = countryListInfo[key];
    return render(
      context.res,
      "countryList",
      info.title,
      {
        hint: info.hint,
        slug: info.slug,
        countryItems,
        rows: (data: ReferenceData) =>
          data.countryLists[key]
            .map((code) => ({ code, name: countryName(code) }))
            .sort((a, b) => a.name.localeCompare(b.name, "en")),
      },
      options,
    );
  };

  const renderRestrictions = (context: Context, options: PageOptions = {}) =>
    render(context.res, "restrictions", "Country restrictions", restrictionModel(), options);

  const restrictionModel = () => ({
    countryItems,
    typeItems: countryRestrictionTypes.map((type) => ({ value: type, text: restrictionTypeLabels[type] })),
    typeLabels: restrictionTypeLabels,
    countryName,
    entryKey,
  });

  async function restrictionAt(req: Context["req"]) {
    const index = Number(req.params.index);
    const { data } = await referenceDrafts.state();
    const entry = /^\d{1,5}$/.test(String(req.params.index)) ? data.countryRestrictions[index] : undefined;
    if (!entry) throw new NotFoundError();
    return { index, entry };
  }

  const renderRestriction = async (context: Context, options: PageOptions = {}) => {
    const { index, entry } = await restrictionAt(context.req);
    return render(
      context.res,
      "restriction",
      `Change a restriction: ${countryName(entry.country)}`,
      {
        ...restrictionModel(),
        action: referenceUrls.restriction(index),
        entry,
      },
      {
        ...options,
        values: options.values ?? { ...entry, scope: entry.scope ?? "none", entry: entryKey(entry) },
      },
    );
  };

  const sectorItems = (data: ReferenceData) => [
    { value: "", text: "Select a sector" },
    ...nsiSectorIds
      .filter((id) => !data.nsiSectors.some((sector) => sector.id === id))
      .map((id) => ({ value: id, text: nsiSectorLabels[id] })),
  ];
  const renderSectors = (context: Context, options: PageOptions = {}) =>
    render(context.res, "sectors", "National Security and Investment Act sectors", { sectorItems }, options);

  const renderSettings = async (context: Context, options: PageOptions = {}) => {
    const { data, revision } = await referenceDrafts.state();
    return render(
      context.res,
      "settings",
      "Thresholds and settings",
      { labels: settingLabels, configuredOverdueDays: config.queueAgeHighlightDays },
      {
        ...options,
        values: options.values ?? {
          version: revision,
          acbelaThresholdGbp: data.thresholds.acbelaThresholdGbp.toLocaleString("en-GB"),
          schoolThresholdGbp: data.thresholds.schoolThresholdGbp.toLocaleString("en-GB"),
          committeeName: data.committeeName,
          committeeFormerName: data.committeeFormerName,
          queueOverdueDays: data.queueOverdueDays === null ? "" : String(data.queueOverdueDays),
        },
      },
    );
  };

  const renderDraft = async (context: Context, options: PageOptions = {}) => {
    const state = await referenceDrafts.state();
    const published = state.draft ? await services.reference.version(state.published.version) : state.data;
    return render(
      context.res,
      "draft",
      "Review and publish the draft",
      {
        diff: state.draft ? diffReference(published, state.data) : null,
      },
      options,
    );
  };

  return [
    getRoute({
      path: referenceUrls.overview,
      name: "admin.reference",
      access: adminOnly,
      handler: async ({ req, res }) => {
        const published = req.query.published;
        const discarded = req.query.discarded === "1";
        await render(res, "overview", "Reference data", {
          notice:
            typeof published === "string" && /^\d{1,9}$/.test(published)
              ? `Version ${published} is published: new submissions are decided on it.`
              : discarded
                ? "The draft was discarded."
                : undefined,
          countryLists: countryListKeys.map((key) => ({ key, ...countryListInfo[key] })),
          checklistsUrl: signOffUrls.adminChecklists,
        });
      },
    }),
    getRoute({
      path: referenceUrls.draft,
      name: "admin.reference.draft",
      access: adminOnly,
      handler: (context) => renderDraft(context),
    }),
    postRoute({
      path: referenceUrls.publish,
      name: "admin.reference.publish",
      access: adminOnly,
      body: publishForm,
      keepsTyping: true,
      invalid: (context, { errors, raw }) =>
        renderDraft(context, { status: 400, errors: withHref(errors), values: raw }),
      handler: async (context, form) => {
        try {
          await referenceDrafts.publish(context.user, Number(form.version), form.reason);
          context.res.redirect(303, `${referenceUrls.overview}?published=${form.version}`);
        } catch (error) {
          const message =
            error instanceof ReferenceDataChanged
              ? changedMessage(error.currentVersion)
              : error instanceof ActionNotAllowedError || error instanceof DraftEditRefused
                ? error.message
                : error instanceof NotFoundError
                  ? "There is no draft to publish any more: someone published or discarded it."
                  : undefined;
          if (message === undefined) throw error;
          return renderDraft(context, { status: 409, values: form, errors: withHref(fromMessages({ form: message })) });
        }
      },
    }),
    postRoute({
      path: referenceUrls.discard,
      name: "admin.reference.discard",
      access: adminOnly,
      body: discardForm,
      invalid: (context, { errors }) => renderDraft(context, { status: 400, errors: withHref(errors) }),
      handler: async ({ res, user }, form) => {
        await referenceDrafts.discard(user, Number(form.version));
        res.redirect(303, `${referenceUrls.overview}?discarded=1`);
      },
    }),

    getRoute({
      path: referenceUrls.countryList(":list"),
      name: "admin.reference.countries",
      access: adminOnly,
      handler: (context) => renderCountryList(context),
    }),
    postRoute({
      path: referenceUrls.countryListAdd(":list"),
      name: "admin.reference.countries.add",
      access: adminOnly,
      body: countryForm,
      invalid: (context, { errors, raw }) => renderCountryList(context, { status: 400, errors, values: raw }),
      handler: (context, form) => {
        const key = listOf(context.req);
        const info = countryListInfo[key];
        return edit(
          context,
          `${info.title}: added ${form.country}`,
          (data) => {
            if (data.countryLists[key].includes(form.country))
              throw new DraftEditRefused("country", `${countryName(form.country)} is already on the list`);
            data.countryLists[key].push(form.country);
            return data;
          },
          referenceUrls.countryList(info.slug),
          (options) => renderCountryList(context, options),
          form,
        );
      },
    }),
    postRoute({
      path: referenceUrls.countryListRemove(":list"),
      name: "admin.reference.countries.remove",
      access: adminOnly,
      body: countryRemoveForm,
      invalid: (context, { errors }) => renderCountryList(context, { status: 400, errors: withHref(errors) }),
      handler: (context, form) => {
        const key = listOf(context.req);
        const info = countryListInfo[key];
        return edit(
          context,
          `${info.title}: removed ${form.country}`,
          (data) => ({
            ...data,
            countryLists: {
              ...data.countryLists,
              [key]: data.countryLists[key].filter((code) => code !== form.country),
            },
          }),
          referenceUrls.countryList(info.slug),
          (options) => renderCountryList(context, options),
          {},
        );
      },
    }),

    getRoute({
      path: referenceUrls.restrictions,
      name: "admin.reference.restrictions",
      access: adminOnly,
      handler: (context) => renderRestrictions(context),
    }),
    postRoute({
      path: referenceUrls.restrictionsAdd,
      name: "admin.reference.restrictions.add",
      access: adminOnly,
      body: restrictionForm,
      keepsTyping: true,
      invalid: (context, { errors, raw }) =>
        renderRestrictions(context, { status: 400, errors: inOrder(errors, restrictionFields), values: raw }),
      handler: (context, form) => {
        const added = restrictionFrom(form);
        return edit(
          context,
          `Country restrictions: added ${added.country} (${added.type})`,
          (data) => {
            if (data.countryRestrictions.some((entry) => entryKey(entry) === entryKey(added)))
              throw new DraftEditRefused("name", "This restriction is already on the list");
            data.countryRestrictions.push(added);
            return data;
          },
          `${referenceUrls.restrictions}#restrictions`,
          (options) => renderRestrictions(context, options),
          form,
        );
      },
    }),
    postRoute({
      path: referenceUrls.restrictionsRemove,
      name: "admin.reference.restrictions.remove",
      access: adminOnly,
      body: restrictionRemoveForm,
      invalid: (context, { errors }) => renderRestrictions(context, { status: 400, errors: withHref(errors) }),
      handler: (context, form) =>
        edit(
          context,
          "Country restrictions: removed an entry",
          (data) => {
            const index = data.countryRestrictions.findIndex((entry) => entryKey(entry) === form.entry);
            if (index === -1) throw goneEntry();
            data.countryRestrictions.splice(index, 1);
            return data;
          },
          referenceUrls.restrictions,
          (options) => renderRestrictions(context, options),
          {},
        ),
    }),
    getRoute({
      path: referenceUrls.restriction(":index"),
      name: "admin.reference.restriction",
      access: adminOnly,
      handler: (context) => renderRestriction(context),
    }),
    postRoute({
      path: referenceUrls.restriction(":index"),
      name: "admin.reference.restriction.save",
      access: adminOnly,
      body: restrictionForm,
      keepsTyping: true,
      invalid: (context, { errors, raw }) =>
        renderRestriction(context, { status: 400, errors: inOrder(errors, restrictionFields), values: raw }),
      handler: async (context, form) => {
        const { index } = await restrictionAt(context.req);
        const changed = restrictionFrom(form);
        return edit(
          context,
          `Country restrictions: changed ${changed.country} (${changed.type})`,
          (data) => {
            const entry = data.countryRestrictions[index];
            if (!entry || entryKey(entry) !== form.entry) throw goneEntry();
            data.countryRestrictions[index] = changed;
            return data;
          },
          referenceUrls.restrictions,
          (options) => renderRestriction(context, options),
          form,
        );
      },
    }),

    getRoute({
      path: referenceUrls.sectors,
      name: "admin.reference.sectors",
      access: adminOnly,
      handler: (context) => renderSectors(context),
    }),
    postRoute({
      path: referenceUrls.sectorsAdd,
      name: "admin.reference.sectors.add",
      access: adminOnly,
      body: sectorForm,
      invalid: (context, { errors, raw }) =>
        renderSectors(context, { status: 400, errors: inOrder(errors, ["form", "id", "label"]), values: raw }),
      handler: (context, form) =>
        edit(
          context,
          `NSI sectors: added ${form.id}`,
          (data) => {
            if (data.nsiSectors.some((sector) => sector.id === form.id))
              throw new DraftEditRefused("id", "This sector is already on the list");
            data.nsiSectors.push({ id: form.id, label: form.label });
            return data;
          },
          referenceUrls.sectors,
          (options) => renderSectors(context, options),
          form,
        ),
    }),
    postRoute({
      path: referenceUrls.sectorsRemove,
      name: "admin.reference.sectors.remove",
      access: adminOnly,
      body: sectorRemoveForm,
      invalid: (context, { errors }) => renderSectors(context, { status: 400, errors: withHref(errors) }),
      handler: (context, form) =>
        edit(
          context,
          `NSI sectors: removed ${form.id}`,
          (data) => ({ ...data, nsiSectors: data.nsiSectors.filter((sector) => sector.id !== form.id) }),
          referenceUrls.sectors,
          (options) => renderSectors(context, options),
          {},
        ),
    }),

    getRoute({
      path: referenceUrls.settings,
      name: "admin.reference.settings",
      access: adminOnly,
      handler: (context) => renderSettings(context),
    }),
    postRoute({
      path: referenceUrls.settings,
      name: "admin.reference.settings.save",
      access: adminOnly,
      body: settingsForm,
      keepsTyping: true,
      invalid: (context, { errors, raw }) =>
        renderSettings(context, {
          status: 400,
          errors: inOrder(errors, ["form", "version", ...Object.keys(settingLabels)]),
          values: raw,
        }),
      handler: (context, form) =>
        edit(
          context,
          "Thresholds and settings",
          (data) => ({
            ...data,
            thresholds: { acbelaThresholdGbp: form.acbelaThresholdGbp, schoolThresholdGbp: form.schoolThresholdGbp },
            committeeName: form.committeeName,
            committeeFormerName: form.committeeFormerName,
            queueOverdueDays: form.queueOverdueDays,
          }),
          referenceUrls.settings,
          (options) => renderSettings(context, options),
          context.req.body as Record<string, unknown>,
          form.version,
        ),
    }),
  ];
}
