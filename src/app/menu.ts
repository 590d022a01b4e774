/** The Training Help Desk menu: captions the help desk sees → entry points in main.ts. */
export const MENU_NAME = 'Training Help Desk';

export const MENU_ITEMS: ({ caption: string; functionName: string } | 'separator')[] = [
  { caption: 'Propose trainers', functionName: 'menuProposeTrainers' },
  { caption: 'Propose for all new requests', functionName: 'menuProposeAll' },
  'separator',
  { caption: 'Process form responses', functionName: 'menuProcessResponses' },
  { caption: 'Check registry', functionName: 'menuCheckRegistry' },
  'separator',
  { caption: 'Send profile update links', functionName: 'menuSendProfileLinks' },
  'separator',
  { caption: 'Set up registry', functionName: 'menuSetUpRegistry' },
];

export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_NAME);
  for (const item of MENU_ITEMS) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(item.caption, item.functionName);
  }
  menu.addToUi();
}
