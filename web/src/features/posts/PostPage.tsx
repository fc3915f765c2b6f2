import { PageTitle } from '../../shared/ui/PageTitle';

// PLACEHOLDER: replaced by the feature's real screen.
export default function PostPage() {
  return <PageTitle>PostPage</PageTitle>;
}
