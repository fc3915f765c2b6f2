import { PageTitle } from '../../shared/ui/PageTitle';

// PLACEHOLDER: replaced by the feature's real screen.
export default function RegisterPage() {
  return <PageTitle>RegisterPage</PageTitle>;
}
