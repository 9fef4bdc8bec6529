import { useParams } from 'react-router';
import { MeetingDetail } from '../features/meetings/MeetingDetail';
import { NotFoundPage } from './NotFoundPage';

export function MeetingPage() {
  const { id } = useParams();
  if (!id) return <NotFoundPage />;
  // keyed: another meeting starts with fresh forms
  return <MeetingDetail key={id} meetingId={id} />;
}
