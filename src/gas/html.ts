/** The spreadsheet's UI and the pages (sidebars, web app): the only way app/ reaches HtmlService and getUi. */

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export function spreadsheetUi(): GoogleAppsScript.Base.Ui {
  return SpreadsheetApp.getUi();
}

/** A page built into dist/ (`<name>.html`), for a sidebar. */
export function pageFromFile(name: string, title: string): HtmlOutput {
  return HtmlService.createHtmlOutputFromFile(name).setTitle(title);
}

/** A web-app page from the template `<name>.html` with the given template variables, sized for phones too. */
export function webPageFromTemplate(name: string, title: string, vars: Record<string, string>): HtmlOutput {
  const template = HtmlService.createTemplateFromFile(name);
  Object.assign(template, vars);
  return template.evaluate().setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
}

/** A web-app page from HTML text, sized for phones too. */
export function webPage(html: string, title: string): HtmlOutput {
  return HtmlService.createHtmlOutput(html).setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
