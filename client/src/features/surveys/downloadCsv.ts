import { readToken } from '../../apollo';

/**
 * Downloads a survey's responses as CSV: the route needs the Bearer token, so the file is fetched with it
 * and saved from a blob (a plain link could not send the header). Throws with the HTTP status on refusal.
 */
export async function downloadSurveyCsv(surveyId: string): Promise<void> {
  const token = readToken();
  const response = await fetch(`/api/surveys/${encodeURIComponent(surveyId)}/responses.csv`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(String(response.status));
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = `survey-${surveyId}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
