/**
 * On what terms an article may be quoted. The corpus is other people's writing, so every article
 * can say so in its front matter: `rights:` (free text, e.g. `© RFE/RL; quoted for reference, not
 * relicensed`) and `license:` (an SPDX id, only when the text is openly licensed, e.g. `CC-BY-4.0`).
 */
import SPDX_IDS from 'spdx-license-ids/index.json' with { type: 'json' };
import { z } from 'zod';

/** Current SPDX license ids by lower case: ids are matched case-insensitively and kept in their canonical case. */
const CANONICAL = new Map(SPDX_IDS.map((id) => [id.toLowerCase(), id]));

/** `license:`: one SPDX license id (not an expression, not a URL), written back in its canonical case. */
export const spdxLicenseId = z
  .string()
  .trim()
  .transform((value, context) => {
    const id = CANONICAL.get(value.toLowerCase());
    if (id) return id;
    context.addIssue({
      code: 'custom',
      message: `"${value}" is not an SPDX license id (such as CC-BY-4.0 or MIT; see https://spdx.org/licenses/)`,
    });
    return z.NEVER;
  });

/** `rights:`: who holds the text's rights and on what terms it is quoted. */
export const rightsText = z.string().trim().min(1).max(300);
