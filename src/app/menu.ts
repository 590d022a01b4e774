/** The Training Help Desk menu: captions the help desk sees → entry points in main.ts. */
export const MENU_NAME = 'Training Help Desk';

export const MENU_ITEMS: { caption: string; functionName: string }[] = [
  { caption: 'Set up registry', functionName: 'menuSetUpRegistry' },
];

export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_NAME);
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}
