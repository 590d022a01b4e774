/**
 * The registry of emulated services. Each module exports a factory that builds the service
 * object for one execution; index.ts installs them as globals of the fresh realm.
 */
import { createSpreadsheetApp } from './spreadsheet';
import { createFormApp } from './forms';
import { createDocumentApp } from './documents';
import { createDriveApp, createMimeType } from './drive';
import { createMailApp } from './mail';
import { createLockService } from './lock';
import { createPropertiesService } from './properties';
import { createCacheService } from './cache';
import { createScriptApp } from './script';
import { createSession } from './session';
import { createUtilities } from './utilities';
import { createHtmlService } from './html';
import { createLogger, createConsole } from './logger';

export function createServices(): Record<string, unknown> {
  return {
    SpreadsheetApp: createSpreadsheetApp(),
    FormApp: createFormApp(),
    DocumentApp: createDocumentApp(),
    DriveApp: createDriveApp(),
    MimeType: createMimeType(),
    MailApp: createMailApp(),
    LockService: createLockService(),
    PropertiesService: createPropertiesService(),
    CacheService: createCacheService(),
    ScriptApp: createScriptApp(),
    Session: createSession(),
    Utilities: createUtilities(),
    HtmlService: createHtmlService(),
    Logger: createLogger(),
    console: createConsole(),
  };
}
