/**
 * Email texts. Set up writes these defaults into the Templates sheet, where the help desk
 * edits them; sending always reads the sheet. A template is chosen by key and language,
 * falling back to English. Bodies are plain text with {{placeholders}}.
 */
import { escapeHtml, fillTemplate, oneLine } from './text';

export interface TemplateRow {
  key: string;
  language: string;
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: TemplateRow[] = [
  {
    key: 'ack.request', language: 'en',
    subject: 'We received your request ({{requestId}})',
    body: 'Hello {{name}},\n\nThank you for writing to the Sociocracy For All Training Help Desk. We have your request "{{formTitle}}" under the reference {{requestId}}.\n\nWe will look for the right trainer or facilitator and write to you again, usually within a week.\n\nWarm regards,\n{{helpdeskName}}',
  },
  {
    key: 'ack.request', language: 'es',
    subject: 'Hemos recibido tu solicitud ({{requestId}})',
    body: 'Hola {{name}}:\n\nGracias por escribir al Servicio de Ayuda de Formación de Sociocracy For All. Tenemos tu solicitud «{{formTitle}}» con la referencia {{requestId}}.\n\nBuscaremos a la persona formadora o facilitadora adecuada y te escribiremos de nuevo, normalmente en una semana.\n\nUn saludo cordial,\n{{helpdeskName}}',
  },
  {
    key: 'ack.request', language: 'pt',
    subject: 'Recebemos o seu pedido ({{requestId}})',
    body: 'Olá {{name}},\n\nObrigado por escrever ao Balcão de Formação da Sociocracy For All. Recebemos o seu pedido "{{formTitle}}" com a referência {{requestId}}.\n\nVamos procurar a formadora ou facilitadora certa e voltaremos a escrever-lhe, normalmente dentro de uma semana.\n\nCom os melhores cumprimentos,\n{{helpdeskName}}',
  },
  {
    key: 'ack.request', language: 'ru',
    subject: 'Мы получили вашу заявку ({{requestId}})',
    body: 'Здравствуйте, {{name}}!\n\nСпасибо, что обратились в службу поддержки обучения Sociocracy For All. Ваша заявка «{{formTitle}}» зарегистрирована под номером {{requestId}}.\n\nМы подберём подходящего тренера или фасилитатора и напишем вам снова, обычно в течение недели.\n\nС уважением,\n{{helpdeskName}}',
  },
  {
    key: 'ack.profile', language: 'en',
    subject: 'Your trainer profile is saved',
    body: 'Hello {{name}},\n\nYour profile in the SoFA trainer registry is saved.\n\nTo update it later, use this link (it opens the form with your current answers):\n{{profileLink}}\n\nThank you,\n{{helpdeskName}}',
  },
  {
    key: 'ack.profile', language: 'es',
    subject: 'Tu perfil de formador/a está guardado',
    body: 'Hola {{name}}:\n\nTu perfil en el registro de formadores de SoFA está guardado.\n\nPara actualizarlo más adelante, usa este enlace (abre el formulario con tus respuestas actuales):\n{{profileLink}}\n\nGracias,\n{{helpdeskName}}',
  },
  {
    key: 'ack.profile', language: 'pt',
    subject: 'O seu perfil de formador/a foi guardado',
    body: 'Olá {{name}},\n\nO seu perfil no registo de formadores da SoFA foi guardado.\n\nPara o atualizar mais tarde, use este link (abre o formulário com as suas respostas atuais):\n{{profileLink}}\n\nObrigado,\n{{helpdeskName}}',
  },
  {
    key: 'ack.profile', language: 'ru',
    subject: 'Ваш профиль тренера сохранён',
    body: 'Здравствуйте, {{name}}!\n\nВаш профиль в реестре тренеров SoFA сохранён.\n\nЧтобы обновить его позже, воспользуйтесь этой ссылкой (форма откроется с вашими текущими ответами):\n{{profileLink}}\n\nСпасибо,\n{{helpdeskName}}',
  },
  {
    key: 'profile.update', language: 'en',
    subject: 'Please check your trainer profile',
    body: 'Hello {{name}},\n\nOnce in a while we ask everyone in the SoFA trainer registry to check their profile: languages, skills, availability and whether you want to be listed in the public facilitator directory.\n\nThis link opens the form with your current answers; change what is out of date and submit:\n{{profileLink}}\n\nThank you,\n{{helpdeskName}}',
  },
  {
    key: 'profile.update', language: 'es',
    subject: 'Por favor, revisa tu perfil de formador/a',
    body: 'Hola {{name}}:\n\nDe vez en cuando pedimos a todas las personas del registro de formadores de SoFA que revisen su perfil.\n\nEste enlace abre el formulario con tus respuestas actuales; cambia lo que esté desactualizado y envíalo:\n{{profileLink}}\n\nGracias,\n{{helpdeskName}}',
  },
  {
    key: 'profile.update', language: 'pt',
    subject: 'Por favor, reveja o seu perfil de formador/a',
    body: 'Olá {{name}},\n\nDe vez em quando pedimos a todas as pessoas do registo de formadores da SoFA que revejam o seu perfil.\n\nEste link abre o formulário com as suas respostas atuais; altere o que estiver desatualizado e envie:\n{{profileLink}}\n\nObrigado,\n{{helpdeskName}}',
  },
  {
    key: 'profile.update', language: 'ru',
    subject: 'Пожалуйста, проверьте свой профиль тренера',
    body: 'Здравствуйте, {{name}}!\n\nВремя от времени мы просим всех в реестре тренеров SoFA проверить свой профиль.\n\nЭта ссылка открывает форму с вашими текущими ответами; исправьте устаревшее и отправьте:\n{{profileLink}}\n\nСпасибо,\n{{helpdeskName}}',
  },
  {
    key: 'helpdesk.new', language: 'en',
    subject: 'New {{origin}} request {{requestId}} ({{status}})',
    body: 'A new request arrived in the registry.\n\nReference: {{requestId}}\nOrigin: {{origin}}\nStatus: {{status}}\n{{reasons}}\nOpen the registry: {{registryUrl}}',
  },
];

export interface RenderedEmail {
  subject: string;
  body: string;
  htmlBody: string;
}

/**
 * Picks the template for key and language (English fallback) from the rows, and fills it.
 * Values are escaped in the HTML body; the subject is kept to one line.
 */
export function renderEmail(rows: TemplateRow[], key: string, language: string, values: Record<string, string>): RenderedEmail | undefined {
  const pick = rows.find((t) => t.key === key && t.language === language) ?? rows.find((t) => t.key === key && t.language === 'en');
  if (!pick) return undefined;
  const body = fillTemplate(pick.body, values);
  // Only our own links (…Link, …Url placeholders) become anchors; text people typed stays text.
  const html = fillTemplate(escapeHtml(pick.body), values, (value, k) =>
    /(Link|Url)$/.test(k) && /^https?:\/\//.test(value) ? `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>` : escapeHtml(value),
  ).replace(/\n/g, '<br>\n');
  return { subject: oneLine(fillTemplate(pick.subject, values), 250), body, htmlBody: `<div style="font-family:sans-serif;line-height:1.5">${html}</div>` };
}
