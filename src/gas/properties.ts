/** Document properties and caches, the only way app/ reaches PropertiesService and CacheService. */

/** A document property of the registry; undefined when it was never set. */
export function documentProperty(key: string): string | undefined {
  return PropertiesService.getDocumentProperties().getProperty(key) ?? undefined;
}

export function setDocumentProperty(key: string, value: string): void {
  PropertiesService.getDocumentProperties().setProperty(key, value);
}

/**
 * Keys remembered across executions in one document property (e.g. answers already rejected,
 * so the hourly sweep, which reads every answer again, logs each once). Only the newest `keep`.
 */
export function rememberedKeys(property: string, keep = 300): { has(key: string): boolean; add(key: string): void } {
  const props = PropertiesService.getDocumentProperties();
  const seen = JSON.parse(props.getProperty(property) ?? '[]') as string[];
  return {
    has: (key) => seen.includes(key),
    add: (key) => {
      seen.push(key);
      props.setProperty(property, JSON.stringify(seen.slice(-keep)));
    },
  };
}

/** The person's own cache (the sidebars' state between the menu click and the page's calls). */
export function userCache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getUserCache();
}

/** The cache shared by every execution of the script. */
export function scriptCache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getScriptCache();
}
