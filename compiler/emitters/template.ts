/**
 * Fills `{{name}}` placeholders of a template from templates/. Templates hold
 * the fixed text of emitted files so it can be read and changed without
 * reading emitter code.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return v;
  });
}
