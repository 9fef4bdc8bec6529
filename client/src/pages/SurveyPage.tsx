import { useParams } from 'react-router';
import { SurveyDetail } from '../features/surveys/SurveyDetail';
import { NotFoundPage } from './NotFoundPage';

export function SurveyPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // keyed: another survey starts with a fresh answer form
  return <SurveyDetail key={id} surveyId={id} />;
}
