// The app's screens. Per project: datasets, models, trial detections and the live camera. Every route has
// its own error boundary (errorElement), so a page that cannot render one stored record leaves the rest usable.
import type { ReactElement } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { CameraPage } from '../camera/CameraPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DatasetsPage } from '../datasets/DatasetsPage';
import { AnnotationPage } from '../labeling/AnnotationPage';
import { ModelsPage } from '../models/ModelsPage';
import { ModelDetailPage } from '../models/detail/ModelDetailPage';
import { ModelComparePage } from '../models/compare/ModelComparePage';
import { ProjectLayout } from './ProjectLayout';
import { ProjectsPage } from '../projects/ProjectsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { TrialsPage } from '../trials/TrialsPage';
import { TrialJobPage } from '../trials/TrialJobPage';
import { TrialMaskPage } from '../labeling/TrialMaskPage';
// Sets the work of trial-job runs, which the camera starts too (src/runtime/trialJobRuns.ts).
import '../trials/trialRuns';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { RouteErrorPage } from './RouteErrorPage';

/** A route's page with its own error boundary. */
const page = (element: ReactElement) => ({ element, errorElement: <RouteErrorPage /> });

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, ...page(<DashboardPage />) },
      { path: 'projects', ...page(<ProjectsPage />) },
      {
        path: 'projects/:projectId',
        element: <ProjectLayout />,
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="datasets" replace /> },
          { path: 'datasets', ...page(<DatasetsPage />) },
          { path: 'models', ...page(<ModelsPage />) },
          { path: 'models/compare', ...page(<ModelComparePage />) },
          { path: 'models/:version', ...page(<ModelDetailPage />) },
          { path: 'trials', ...page(<TrialsPage />) },
          { path: 'trials/:jobId', ...page(<TrialJobPage />) },
          { path: 'trials/:jobId/results/:resultId', ...page(<TrialMaskPage />) },
          { path: 'camera', ...page(<CameraPage />) },
          { path: 'label/:entryId?', ...page(<AnnotationPage />) },
        ],
      },
      { path: 'settings', ...page(<SettingsPage />) },
      { path: '*', ...page(<NotFoundPage />) },
    ],
  },
]);
