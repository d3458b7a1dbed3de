// How Express renders a view: ejs, with the views folder for include() and the compiled
// templates cached when the view cache is on, and an escape function that writes the
// SafeHtml of the component functions (src/views/components) as it is and escapes every
// other value. So a page prints a component with `<%= components.table(...) %>`, and `<%-`
// stays reserved for include().
import ejs from "ejs";
import { escapeOrSafe } from "./components";

type Callback = (error: Error | null, html?: string) => void;

export function ejsEngine(viewsDir: string) {
  return (file: string, data: object, callback: Callback): void => {
    const settings = (data as { settings?: Record<string, unknown> }).settings;
    ejs.renderFile(
      file,
      data,
      {
        views: [viewsDir],
        // Includes name their file from the views folder ('/layout/head'): resolved without
        // a check on disk each time (a relative include costs a file-exists call per render).
        root: viewsDir,
        cache: Boolean(settings?.["view cache"]),
        escape: escapeOrSafe,
      },
      (error: Error | null, html?: string) => {
        callback(error, html);
      },
    );
  };
}
