/**
 * Which columns of an export hold respondents' own personal data (names, e-mail addresses), found
 * by their headers. One small function, so the analysis plan's own list (issue 17) can replace it.
 */

export interface PersonalColumns {
  /** Header indices of name columns (first name, surname, full name, contact name...). */
  names: number[];
  /** Header indices of e-mail columns. */
  emails: number[];
}

// "Organisation name" or "name of your school" name an organisation, not a person.
const NAME_HEADER =
  /^(?:(?:your|respondent'?s?|contact|full|person'?s?|applicant'?s?|resident'?s?|signatory)\s*)?(?:first|given|fore|last|family|sur|middle|full|display|contact|respondent|your)?\s*[-_ ]?\s*name\s*(?:\(.*\))?$|^(?:first|given|last|family)[-_ ]?names?$|^(?:forename|surname|lastname|firstname)s?$|^name of (?:respondent|contact|person)/i;
const EMAIL_HEADER = /e-?mail|email address/i;
const NOT_PERSONAL = /organi[sz]ation|company|business|school|group|council|authority|charity|file|user ?name|screen ?name|street|road|town|city|place|product|brand/i;

export function personalDataColumns(header: readonly string[]): PersonalColumns {
  const names: number[] = [];
  const emails: number[] = [];
  header.forEach((raw, index) => {
    const column = raw.trim().replace(/[?:*]+$/, '').trim();
    if (NOT_PERSONAL.test(column)) return;
    if (EMAIL_HEADER.test(column)) emails.push(index);
    else if (NAME_HEADER.test(column)) names.push(index);
  });
  return { names, emails };
}
