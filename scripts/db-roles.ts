// npm run db:roles -- [--database spo] [--owner spo_owner] [--app spo_app] [--existing]
// Prints the psql script that creates the owner and app roles (and the database, or with
// --existing hands an existing one to the owner). Run it as a superuser:
//   npm run --silent db:roles > roles.sql && psql -v ON_ERROR_STOP=1 -U postgres -f roles.sql
import { parseArgs } from "node:util";
import { defaultRoleNames, psqlScript } from "../src/db/roles";

const { values } = parseArgs({
  options: {
    database: { type: "string", default: defaultRoleNames.database },
    owner: { type: "string", default: defaultRoleNames.owner },
    app: { type: "string", default: defaultRoleNames.app },
    existing: { type: "boolean", default: false },
  },
});
process.stdout.write(
  psqlScript(
    { database: values.database, owner: values.owner, app: values.app },
    { existingDatabase: values.existing },
  ),
);
